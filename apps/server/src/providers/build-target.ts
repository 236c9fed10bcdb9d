import type { Provider } from "../domain/provider.js";
import { adapterFor } from "./adapter-for.js";
import { type ProviderCredentials, splitBaseUrl, type UpstreamTarget } from "./upstream-target.js";

/**
 * The upstream target of a provider: its origin and base path, its static headers (the JSON content type,
 * then whatever its kind's adapter adds: the credential in the kind's auth style, fixed protocol headers)
 * and, for kinds whose token expires (Vertex AI), its request-time auth.
 *
 * @example
 * const target = buildTarget(provider, JSON.parse(box.open(provider.credentials)));
 */
export function buildTarget(provider: Provider, credentials: ProviderCredentials): UpstreamTarget {
  const { origin, basePath } = splitBaseUrl(provider.baseUrl);
  const adapter = adapterFor(provider.kind);
  const target: UpstreamTarget = {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    origin,
    basePath,
    headers: {
      "content-type": "application/json",
      ...adapter.staticHeaders(credentials, provider.config),
    },
    credentials,
    config: provider.config,
  };
  const auth = adapter.createAuth?.(target);
  return auth ? { ...target, auth } : target;
}
