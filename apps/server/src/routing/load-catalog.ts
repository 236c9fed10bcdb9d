import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { CredentialVault } from "../crypto/credential-vault.js";
import type { ModelWithDeployments } from "../domain/model.js";
import type { Provider } from "../domain/provider.js";
import { buildTarget } from "../providers/build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../providers/upstream-target.js";
import type { Store } from "../store/store.js";
import { ModelCatalog } from "./model-catalog.js";

/** What opening providers' credentials into routing targets needs. */
export interface CatalogSources {
  store: Store;
  vault: CredentialVault;
  logger: Logger;
  /** The dispatcher of tenant-registered providers (private addresses refused at connect time). */
  tenantUpstream?: Dispatcher | undefined;
}

/**
 * Reads every tenant's providers and models from the store and builds the routing snapshot. Credentials
 * are opened here, at start-up and on a full rebuild; a provider whose credentials cannot be opened
 * (wrong encryption key) is left out with a warning rather than failing every route. Providers a tenant
 * registered are reached through `tenantUpstream`, so their addresses are checked on every connection.
 *
 * @example
 * runtime.catalog = await loadCatalog({ store, vault, logger, tenantUpstream });
 */
export async function loadCatalog(sources: CatalogSources): Promise<ModelCatalog> {
  const [providers, models] = await Promise.all([
    sources.store.providers.listAll(),
    sources.store.models.listAll(),
  ]);
  const parts = new Map<string, { models: ModelWithDeployments[]; providers: Provider[] }>();
  const partOf = (tenantId: string) => {
    const part = parts.get(tenantId) ?? { models: [], providers: [] };
    parts.set(tenantId, part);
    return part;
  };
  for (const m of models) partOf(m.tenantId).models.push(m);
  for (const p of providers) partOf(p.tenantId).providers.push(p);
  return ModelCatalog.fromTenants(
    new Map(
      [...parts].map(([tenantId, part]) => [
        tenantId,
        { models: part.models, targets: openTargets(part.providers, sources) },
      ]),
    ),
  );
}

/**
 * Rebuilds one tenant's part of `catalog` after a change scoped to it. With `reopenCredentials` (its
 * providers changed) the tenant's providers are read and their credentials opened again; without it (a
 * model, deployment, route or price changed) the tenant's already-open targets are reused, so nothing is
 * decrypted. Other tenants' parts are shared untouched.
 *
 * @example
 * runtime.catalog = await reloadTenantCatalog(runtime.catalog, tenantId, sources, false);
 */
export async function reloadTenantCatalog(
  catalog: ModelCatalog,
  tenantId: string,
  sources: CatalogSources,
  reopenCredentials: boolean,
): Promise<ModelCatalog> {
  const [models, targets] = await Promise.all([
    sources.store.models.list(tenantId),
    reopenCredentials
      ? sources.store.providers.list(tenantId).then((p) => openTargets(p, sources))
      : catalog.targetsOf(tenantId),
  ]);
  return catalog.withTenant(tenantId, models, targets);
}

function openTargets(providers: Provider[], sources: CatalogSources): Map<string, UpstreamTarget> {
  const targets = new Map<string, UpstreamTarget>();
  for (const p of providers) {
    try {
      const credentials: ProviderCredentials = p.credentials
        ? JSON.parse(sources.vault.open({ tenantId: p.tenantId, recordId: p.id }, p.credentials))
        : {};
      const target = buildTarget(p, credentials);
      const dispatcher = p.origin === "tenant" ? sources.tenantUpstream : undefined;
      targets.set(p.id, dispatcher ? { ...target, dispatcher } : target);
    } catch (err) {
      sources.logger.warn(
        { provider: p.name, reason: (err as Error).message },
        "provider left out of routing",
      );
    }
  }
  return targets;
}
