import type { Provider } from "../store/store-types.js";
import { type ProviderCredentials, splitBaseUrl, type UpstreamTarget } from "./upstream-target.js";

/**
 * The upstream target of a provider: its origin and base path, and its static headers — the credential
 * in the header style of its kind.
 * @see https://platform.openai.com/docs/api-reference/authentication
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
    else if (provider.kind !== "bedrock") headers.authorization = `Bearer ${key}`;
  }
  if (provider.kind === "anthropic")
    headers["anthropic-version"] = String(provider.config.anthropicVersion ?? "2023-06-01");
  return {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    origin,
    basePath,
    headers,
    credentials,
    config: provider.config,
  };
}
