import type { UpstreamRequest } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";

/**
 * The latest GA api-version of the Azure OpenAI inference API (dated versions), used when the provider
 * sets none. @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle
 */
export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

/** The api-version a target asks for: config.apiVersion, or the default GA one. */
function apiVersion(target: UpstreamTarget): string {
  const v = target.config.apiVersion;
  return typeof v === "string" && v !== "" ? v : AZURE_DEFAULT_API_VERSION;
}

/**
 * The target as the OpenAI adapter should see it, so that its `{base}/chat/completions` and
 * `{base}/embeddings` land on Azure's URL forms: `{endpoint}/openai/deployments/{deployment}` for dated
 * api-versions, `{endpoint}/openai/v1` for the v1 API (config.apiVersion "v1", the deployment as `model`);
 * and max_completion_tokens by default (Azure's reasoning models refuse max_tokens).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle#api-evolution
 *
 * @example
 * azureOpenAITarget(target, "gpt4o-prod").basePath; // "/openai/deployments/gpt4o-prod"
 */
export function azureOpenAITarget(target: UpstreamTarget, deployment: string): UpstreamTarget {
  const base =
    apiVersion(target) === "v1"
      ? `${target.basePath}/openai/v1`
      : `${target.basePath}/openai/deployments/${encodeURIComponent(deployment)}`;
  return {
    ...target,
    basePath: base,
    config: { maxTokensField: "max_completion_tokens", ...target.config },
  };
}

/**
 * The request with the target's `?api-version=` (which dated versions require); unchanged for the v1 API,
 * which takes none.
 *
 * @example
 * withAzureApiVersion(up, target).path; // "/openai/deployments/d/embeddings?api-version=2024-10-21"
 */
export function withAzureApiVersion(up: UpstreamRequest, target: UpstreamTarget): UpstreamRequest {
  const version = apiVersion(target);
  return version === "v1" ? up : { ...up, path: `${up.path}?api-version=${encodeURIComponent(version)}` };
}
