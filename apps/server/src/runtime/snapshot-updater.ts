import type { AccessControl } from "../auth/access-control.js";
import type { KeyResolver } from "../auth/key-resolver.js";
import type { BillingSnapshot } from "../billing/billing-snapshot.js";
import type { BudgetSnapshot } from "../budgets/budget-snapshot.js";
import type { GatewayRuntime } from "../data-plane/gateway-runtime.js";
import { type CatalogSources, loadCatalog, reloadTenantCatalog } from "../routing/load-catalog.js";
import type { ChangeScope } from "../store/revisions/change-scope.js";

export interface SnapshotUpdaterDeps {
  /** Where the catalog is read from and how credentials are opened. */
  sources: CatalogSources;
  /** Holds the routing snapshot that is replaced (`runtime.catalog`). */
  runtime: Pick<GatewayRuntime, "catalog">;
  keys: Pick<KeyResolver, "clear" | "forgetTenant">;
  access: Pick<AccessControl, "clear" | "forgetTenant">;
  /** The rate-limit snapshot (RateLimitBook), reloaded per tenant on a `limits` change. */
  limits?: { reloadTenant(tenantId: string): Promise<void>; reloadAll(): Promise<void> };
  /** The budget definitions' snapshot (absent in tests of the other snapshots). */
  budgets?: Pick<BudgetSnapshot, "loadAll" | "reloadTenant">;
  /** The plans and prepaid settings admission reads (reloaded on `billing` scopes). */
  billing?: Pick<BillingSnapshot, "apply" | "load">;
}

/**
 * Applies configuration changes to this instance's in-memory snapshots, one scope at a time:
 * - `keys`: drops that tenant's cached keys;
 * - `permissions`: drops that tenant's cached access answers;
 * - `catalog`: rebuilds that tenant's routes from its models, reusing its open credentials;
 * - `credentials`: rebuilds that tenant's part, decrypting only its providers' credentials again;
 * - `limits`: reloads that tenant's rate limits.
 * - `budgets`: reloads that tenant's budget definitions.
 * - `billing`: reloads that tenant's plan and prepaid flag (the `_plans` scope: every plan).
 * Updates run one after another (the poller and the change bus both feed it), so two tenants' catalog
 * rebuilds never overwrite each other.
 *
 * @example
 * await updater.apply([{ tenantId, kind: "keys" }]);
 */
export class SnapshotUpdater {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SnapshotUpdaterDeps) {}

  /** Applies the given scopes (duplicates collapse; a credentials change covers the catalog). */
  apply(scopes: readonly ChangeScope[]): Promise<void> {
    return this.enqueue(async () => {
      const kindsByTenant = new Map<string, Set<ChangeScope["kind"]>>();
      for (const { tenantId, kind } of scopes) {
        const kinds = kindsByTenant.get(tenantId) ?? new Set();
        kinds.add(kind);
        kindsByTenant.set(tenantId, kinds);
      }
      for (const [tenantId, kinds] of kindsByTenant) await this.applyTenant(tenantId, kinds);
    });
  }

  /** Rebuilds everything: the whole catalog (every credential opened again), every cache dropped. */
  applyAll(): Promise<void> {
    return this.enqueue(async () => {
      this.deps.runtime.catalog = await loadCatalog(this.deps.sources);
      this.deps.keys.clear();
      this.deps.access.clear();
      await this.deps.limits?.reloadAll();
      await this.deps.budgets?.loadAll();
      await this.deps.billing?.load();
    });
  }

  private async applyTenant(tenantId: string, kinds: ReadonlySet<ChangeScope["kind"]>): Promise<void> {
    if (kinds.has("keys")) this.deps.keys.forgetTenant(tenantId);
    if (kinds.has("permissions")) this.deps.access.forgetTenant(tenantId);
    if (kinds.has("limits")) await this.deps.limits?.reloadTenant(tenantId);
    if (kinds.has("budgets")) await this.deps.budgets?.reloadTenant(tenantId);
    if (kinds.has("billing")) await this.deps.billing?.apply(tenantId);
    const credentials = kinds.has("credentials");
    if (credentials || kinds.has("catalog")) {
      const { runtime, sources } = this.deps;
      runtime.catalog = await reloadTenantCatalog(runtime.catalog, tenantId, sources, credentials);
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    // A failed update does not block the next one; its caller sees the failure.
    this.queue = next.catch(() => {});
    return next;
  }
}
