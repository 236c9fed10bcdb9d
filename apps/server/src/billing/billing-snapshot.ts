import { compileModelPatterns } from "../auth/model-pattern.js";
import type { Plan } from "../store/billing/billing-types.js";
import { PLANS_SCOPE } from "../store/billing/plans-repo.js";
import type { Store } from "../store/store.js";

/** What admission needs of a tenant's billing: its plan and whether it pays from prepaid credit. */
export interface TenantBillingState {
  planId: string | null;
  prepaid: boolean;
}

interface CompiledPlan {
  plan: Plan;
  allows: (model: string) => boolean;
}

const PAGE = 1000;

/**
 * The in-memory billing snapshot the admission gates read (no database read per request for config):
 * every plan with its compiled model patterns, and the plan and prepaid flag of every tenant that has
 * one. Refreshed by scoped revisions of kind `billing`: a tenant's scope reloads that tenant's row, the
 * `_plans` scope reloads the plans.
 *
 * @example
 * const snapshot = new BillingSnapshot(store); await snapshot.load();
 * snapshot.planOf(tenantId)?.allows("gpt-4o");
 */
export class BillingSnapshot {
  private plans = new Map<string, CompiledPlan>();
  private tenants = new Map<string, TenantBillingState>();

  constructor(private readonly store: Pick<Store, "billing">) {}

  /** Loads everything (start-up and full rebuilds). */
  async load(): Promise<void> {
    await this.reloadPlans();
    const tenants = new Map<string, TenantBillingState>();
    let after = "";
    for (;;) {
      const rows = await this.store.billing.credits.listConfigured(after, PAGE);
      for (const r of rows) tenants.set(r.tenantId, { planId: r.planId, prepaid: r.prepaid });
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.tenantId;
    }
    this.tenants = tenants;
  }

  /** Applies a `billing` scope: `_plans` reloads the plans, a tenant id that tenant's row. */
  async apply(tenantId: string): Promise<void> {
    if (tenantId === PLANS_SCOPE) return this.reloadPlans();
    const row = await this.store.billing.credits.get(tenantId);
    const tenants = new Map(this.tenants);
    if (row.planId === null && !row.prepaid) tenants.delete(tenantId);
    else tenants.set(tenantId, { planId: row.planId, prepaid: row.prepaid });
    this.tenants = tenants;
  }

  /** The tenant's billing state; undefined when it has no plan and is not prepaid. */
  tenant(tenantId: string): TenantBillingState | undefined {
    return this.tenants.get(tenantId);
  }

  /** The tenant's plan with its compiled patterns; undefined for a tenant without a plan. */
  planOf(tenantId: string): CompiledPlan | undefined {
    const planId = this.tenants.get(tenantId)?.planId;
    return planId ? this.plans.get(planId) : undefined;
  }

  private async reloadPlans(): Promise<void> {
    const plans = new Map<string, CompiledPlan>();
    for (const plan of await this.store.billing.plans.list())
      plans.set(plan.id, { plan, allows: compileModelPatterns(plan.models) });
    this.plans = plans;
  }
}
