import type { ProviderCredentials } from "./upstream-target.js";

/**
 * The provider's API key as the one header its kind expects it in (`prefix` before the key, as in
 * "Bearer "), or no header when it has no key (a local server that needs none).
 *
 * @example
 * apiKeyHeader("authorization", { apiKey: "sk-1" }, "Bearer "); // { authorization: "Bearer sk-1" }
 * apiKeyHeader("x-goog-api-key", {}); // {}
 */
export function apiKeyHeader(
  name: string,
  credentials: ProviderCredentials,
  prefix = "",
): Record<string, string> {
  return credentials.apiKey ? { [name]: `${prefix}${credentials.apiKey}` } : {};
}
