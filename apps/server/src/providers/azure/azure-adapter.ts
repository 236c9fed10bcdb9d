import { openaiAdapter } from "../openai/openai-adapter.js";
import type { ProviderAdapter, UpstreamRequest } from "../provider-adapter.js";
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
 * The target as the OpenAI adapter should see it: the base path that puts `/chat/completions` at the
 * right place, and max_completion_tokens by default (Azure's reasoning models refuse max_tokens).
 */
function asOpenAITarget(target: UpstreamTarget, deployment: string): UpstreamTarget {
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

/** Dated versions name the api-version in the query; the v1 API takes none. */
function withApiVersion(up: UpstreamRequest, target: UpstreamTarget): UpstreamRequest {
  const version = apiVersion(target);
  return version === "v1" ? up : { ...up, path: `${up.path}?api-version=${encodeURIComponent(version)}` };
}

/**
 * Azure OpenAI: the OpenAI wire format (the OpenAI adapter builds body and reads answers) at deployment
 * URLs — POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version} — or,
 * with config.apiVersion "v1", at {endpoint}/openai/v1/chat/completions with the deployment as `model`.
 * The upstream model name is the deployment name; the key goes in the `api-key` header (buildTarget).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle#api-evolution
 */
export const azureAdapter: ProviderAdapter = {
  ...openaiAdapter,
  embeddings: undefined,
  chatRequest(ir, deployment, target, now) {
    const up = openaiAdapter.chatRequest(ir, deployment, asOpenAITarget(target, deployment), now);
    return withApiVersion(up, target);
  },
  passthroughRequest(body, deployment, stream, target, now) {
    const t = asOpenAITarget(target, deployment);
    return withApiVersion(openaiAdapter.passthroughRequest(body, deployment, stream, t, now), target);
  },
};
