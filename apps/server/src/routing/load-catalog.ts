import type { Logger } from "pino";
import type { SecretBox } from "../crypto/secret-box.js";
import { buildTarget } from "../providers/build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../providers/upstream-target.js";
import type { Store } from "../store/store.js";
import { ModelCatalog } from "./model-catalog.js";

/**
 * Reads providers and models from the store and builds the routing snapshot. Credentials are opened
 * here, once per configuration change; a provider whose credentials cannot be opened (wrong encryption
 * key) is left out with a warning rather than failing every route.
 */
export async function loadCatalog(store: Store, box: SecretBox, logger: Logger): Promise<ModelCatalog> {
  const [providers, models] = await Promise.all([store.providers.listAll(), store.models.listAll()]);
  const targets = new Map<string, UpstreamTarget>();
  for (const p of providers) {
    try {
      const credentials: ProviderCredentials = p.credentials ? JSON.parse(box.open(p.credentials)) : {};
      targets.set(p.id, buildTarget(p, credentials));
    } catch (err) {
      logger.warn({ provider: p.name, reason: (err as Error).message }, "provider left out of routing");
    }
  }
  return new ModelCatalog(models, targets);
}
