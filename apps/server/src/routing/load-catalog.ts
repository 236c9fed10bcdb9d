import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { CredentialVault } from "../crypto/credential-vault.js";
import { buildTarget } from "../providers/build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../providers/upstream-target.js";
import type { Store } from "../store/store.js";
import { ModelCatalog } from "./model-catalog.js";

/** Optional parts of loading a catalog. */
export interface LoadCatalogOptions {
  /** The dispatcher of tenant-registered providers (private addresses refused at connect time). */
  tenantUpstream?: Dispatcher;
}

/**
 * Reads providers and models from the store and builds the routing snapshot. Credentials are opened
 * here, once per configuration change; a provider whose credentials cannot be opened (wrong encryption
 * key) is left out with a warning rather than failing every route. Providers a tenant registered are
 * reached through `tenantUpstream`, so their addresses are checked on every connection.
 */
export async function loadCatalog(
  store: Store,
  vault: CredentialVault,
  logger: Logger,
  options: LoadCatalogOptions = {},
): Promise<ModelCatalog> {
  const [providers, models] = await Promise.all([store.providers.listAll(), store.models.listAll()]);
  const targets = new Map<string, UpstreamTarget>();
  for (const p of providers) {
    try {
      const credentials: ProviderCredentials = p.credentials
        ? JSON.parse(vault.open({ tenantId: p.tenantId, recordId: p.id }, p.credentials))
        : {};
      const target = buildTarget(p, credentials);
      const dispatcher = p.origin === "tenant" ? options.tenantUpstream : undefined;
      targets.set(p.id, dispatcher ? { ...target, dispatcher } : target);
    } catch (err) {
      logger.warn({ provider: p.name, reason: (err as Error).message }, "provider left out of routing");
    }
  }
  return new ModelCatalog(models, targets);
}
