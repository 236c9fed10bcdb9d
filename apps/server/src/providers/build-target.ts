import type { Provider } from "../store/store-types.js";
import { adapterFor } from "./adapter-for.js";
import { type ProviderCredentials, splitBaseUrl, type UpstreamTarget } from "./upstream-target.js";

/**
 * The upstream target of a provider: its origin and base path, and its static headers — the credential
 * in the header style of its kind — and, for kinds whose token expires (Vertex AI), its request-time auth.
 * Bedrock and Vertex get no static auth header: Bedrock signs each request, Vertex fetches a token.
 * @see https://platform.openai.com/docs/api-reference/authentication
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#authentication
 * @see https://docs.anthropic.com/en/api/overview#authentication
 * @see https://ai.google.dev/api#authentication
 */
export function buildTarget(provider: Provider, credentials: ProviderCredentials): UpstreamTarget {
  const { origin, basePath } = splitBaseUrl(provider.baseUrl);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const key = credentials.apiKey;
  if (key) {
    if (provider.kind === "anthropic") headers["x-api-key"] = key;
    else if (provider.kind === "gemini") headers["x-goog-api-key"] = key;
    else if (provider.kind === "azure") headers["api-key"] = key;
    else if (provider.kind !== "bedrock" && provider.kind !== "vertex")
      headers.authorization = `Bearer ${key}`;
  }
  if (provider.kind === "anthropic")
    headers["anthropic-version"] = String(provider.config.anthropicVersion ?? "2023-06-01");
  const target: UpstreamTarget = {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    origin,
    basePath,
    headers,
    credentials,
    config: provider.config,
  };
  const auth = adapterFor(provider.kind).createAuth?.(target);
  return auth ? { ...target, auth } : target;
}
