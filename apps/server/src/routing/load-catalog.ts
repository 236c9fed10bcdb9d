import type { Logger } from "pino";
import type { SecretBox } from "../crypto/secret-box.js";
import type { Provider } from "../domain/provider.js";
import { buildTarget } from "../providers/build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../providers/upstream-target.js";
import type { Store } from "../store/store.js";
import { ModelCatalog } from "./model-catalog.js";

/**
 * Reads every tenant's providers and models from the store and builds the routing snapshot. Credentials
 * are opened here, at start-up and on a full rebuild; a provider whose credentials cannot be opened
 * (wrong encryption key) is left out with a warning rather than failing every route.
 *
 * @example
 * runtime.catalog = await loadCatalog(store, secretBox, logger);
 */
export async function loadCatalog(store: Store, box: SecretBox, logger: Logger): Promise<ModelCatalog> {
  const [providers, models] = await Promise.all([store.providers.listAll(), store.models.listAll()]);
  return new ModelCatalog(models, openTargets(providers, box, logger));
}

/**
 * Rebuilds one tenant's part of `catalog` after a change scoped to it. With `reopenCredentials` (its
 * providers changed) the tenant's providers are read and their credentials opened again; without it (a
 * model, deployment, route or price changed) the tenant's already-open targets are reused, so nothing is
 * decrypted. Other tenants' parts are shared untouched.
 *
 * @example
 * runtime.catalog = await reloadTenantCatalog(runtime.catalog, tenantId, { store, box, logger }, false);
 */
export async function reloadTenantCatalog(
  catalog: ModelCatalog,
  tenantId: string,
  deps: { store: Store; box: SecretBox; logger: Logger },
  reopenCredentials: boolean,
): Promise<ModelCatalog> {
  const [models, targets] = await Promise.all([
    deps.store.models.list(tenantId),
    reopenCredentials
      ? deps.store.providers.list(tenantId).then((p) => openTargets(p, deps.box, deps.logger))
      : catalog.targetsOf(tenantId),
  ]);
  return catalog.withTenant(tenantId, models, targets);
}

function openTargets(providers: Provider[], box: SecretBox, logger: Logger): Map<string, UpstreamTarget> {
  const targets = new Map<string, UpstreamTarget>();
  for (const p of providers) {
    try {
      const credentials: ProviderCredentials = p.credentials ? JSON.parse(box.open(p.credentials)) : {};
      targets.set(p.id, buildTarget(p, credentials));
    } catch (err) {
      logger.warn({ provider: p.name, reason: (err as Error).message }, "provider left out of routing");
    }
  }
  return targets;
}
