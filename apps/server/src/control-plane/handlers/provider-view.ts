import type { Provider } from "../../domain/provider.js";

/**
 * A provider in its API shape (also what the audit log records): never the credential, only its hint.
 *
 * @example
 * return providerView(await store.providers.get(tenantId, id));
 */
export function providerView(p: Provider) {
  return {
    id: p.id,
    tenantId: p.tenantId,
    name: p.name,
    kind: p.kind,
    baseUrl: p.baseUrl,
    config: p.config,
    origin: p.origin,
    credentialLastFour: p.credentialsLastFour,
    disabled: p.disabled,
    createdAt: p.createdAt,
  };
}
