import type { Provider } from "../store/store-types.js";
import { type ProviderCredentials, splitBaseUrl, type UpstreamTarget } from "./upstream-target.js";

/**
 * The upstream target of an OpenAI or OpenAI-compatible provider: Bearer auth on `{baseUrl}/...`.
 * @see https://platform.openai.com/docs/api-reference/authentication
 */
export function openaiTarget(provider: Provider, credentials: ProviderCredentials): UpstreamTarget {
  const { origin, basePath } = splitBaseUrl(provider.baseUrl);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (credentials.apiKey) headers.authorization = `Bearer ${credentials.apiKey}`;
  return { id: provider.id, name: provider.name, kind: provider.kind, origin, basePath, headers };
}
