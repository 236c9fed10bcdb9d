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
 * Reads every tenant's providers, models, pricing (price book, markup, unpriced policy) and prompt
 * capture setting from the store
 * and builds the routing snapshot. Credentials
 * are opened here, at start-up and on a full rebuild; a provider whose credentials cannot be opened
 * (wrong encryption key) is left out with a warning rather than failing every route. Providers a tenant
 * registered are reached through `tenantUpstream`, so their addresses are checked on every connection.
 *
 * @example
 * runtime.catalog = await loadCatalog({ store, vault, logger, tenantUpstream });
 */
export async function loadCatalog(sources: CatalogSources): Promise<ModelCatalog> {
  const [providers, models, pricing, capture] = await Promise.all([
    sources.store.providers.listAll(),
    sources.store.models.listAll(),
    sources.store.pricing.listAll(),
    sources.store.captures.listAllSettings(),
  ]);
  const parts = new Map<string, { models: ModelWithDeployments[]; providers: Provider[] }>();
  const partOf = (tenantId: string) => {
    const part = parts.get(tenantId) ?? { models: [], providers: [] };
    parts.set(tenantId, part);
    return part;
  };
  for (const m of models) partOf(m.tenantId).models.push(m);
  for (const p of providers) partOf(p.tenantId).providers.push(p);
  for (const tenantId of pricing.keys()) partOf(tenantId);
  for (const tenantId of capture.keys()) partOf(tenantId);
  return ModelCatalog.fromTenants(
    new Map(
      [...parts].map(([tenantId, part]) => [
        tenantId,
        {
          models: part.models,
          targets: openTargets(part.providers, sources),
          ...(pricing.has(tenantId) && { pricing: pricing.get(tenantId) }),
          ...(capture.has(tenantId) && { capture: capture.get(tenantId) }),
        },
      ]),
    ),
  );
}

/**
 * Rebuilds one tenant's part of `catalog` after a change scoped to it. With `reopenCredentials` (its
 * providers changed) the tenant's providers are read and their credentials opened again; without it (a
 * model, deployment, route, price book entry or pricing setting changed) the tenant's already-open targets are reused, so nothing is
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
  const [models, pricing, capture, targets] = await Promise.all([
    sources.store.models.list(tenantId),
    sources.store.forTenant(tenantId).pricing.snapshot(),
    sources.store.forTenant(tenantId).captures.getSettings(),
    reopenCredentials
      ? sources.store.providers.list(tenantId).then((p) => openTargets(p, sources))
      : catalog.targetsOf(tenantId),
  ]);
  return catalog.withTenant(tenantId, models, targets, pricing, capture);
}

function openTargets(providers: Provider[], sources: CatalogSources): Map<string, UpstreamTarget> {
  const targets = new Map<string, UpstreamTarget>();
  for (const p of providers) {
    // A disabled provider routes nothing: its deployments are skipped like an unreachable one's.
    if (p.disabled) continue;
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
