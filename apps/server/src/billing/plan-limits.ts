import type { Budget } from "../domain/budget.js";
import type { Principal } from "../domain/principal.js";
import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import type { BillingSnapshot } from "./billing-snapshot.js";

const NONE: readonly never[] = Object.freeze([]);

/**
 * The id of a tenant's plan rate limit: one per tenant, whatever its plan, so the counters (keyed by rule
 * id in the tenant's hash slot) carry over when the tenant changes plans.
 */
export const PLAN_LIMIT_ID = "plan";

/** The id of a tenant's monthly included-token quota counter (one per tenant, across plan changes). */
export function planQuotaId(tenantId: string): string {
  return `planquota_${tenantId}`;
}

/**
 * The rate limit a tenant's plan sets (docs/billing.md, Plans): the plan's `rpm`, `tpm` and `concurrency`
 * as one tenant-wide limit for every model, applied on top of the tenant's own limits (which can only be
 * stricter: a tenant admin cannot lift the plan's ceiling by setting a higher limit of their own). No
 * plan, or a plan that sets none of the three: no limit.
 *
 * @example
 * createRateLimitGate({ limiter, book, planRules: planRateRules(billing.snapshot), now, logger });
 */
export function planRateRules(
  snapshot: Pick<BillingSnapshot, "planOf">,
): (principal: Pick<Principal, "tenantId">) => readonly RateLimitRule[] {
  return ({ tenantId }) => {
    const plan = snapshot.planOf(tenantId)?.plan;
    if (!plan || (plan.rpm === null && plan.tpm === null && plan.concurrency === null)) return NONE;
    return [
      {
        id: PLAN_LIMIT_ID,
        tenantId,
        scopeKind: "tenant",
        scopeId: tenantId,
        model: null,
        rpm: plan.rpm,
        tpm: plan.tpm,
        concurrency: plan.concurrency,
        createdAt: plan.createdAt,
        updatedAt: plan.updatedAt,
      },
    ];
  };
}

/**
 * The token quota a tenant's plan includes (`includedTokens`): a monthly tenant-wide token budget, held
 * and settled by the budget guard like any budget (so it is exact under concurrency and across
 * instances), refused with `quota_exceeded` (429, retry-after the month's end) naming the plan. Its
 * counter is the tenant's, so a plan change within the month keeps the tokens already used.
 *
 * @example
 * new BudgetGuard({ ledger, book, derived: planTokenQuota(billing.snapshot), now, onError });
 */
export function planTokenQuota(
  snapshot: Pick<BillingSnapshot, "planOf">,
): (subject: { tenantId: string }) => readonly Budget[] {
  return ({ tenantId }) => {
    const plan = snapshot.planOf(tenantId)?.plan;
    if (!plan || plan.includedTokens === null) return NONE;
    return [
      {
        id: planQuotaId(tenantId),
        tenantId,
        scopeKind: "tenant",
        scopeId: tenantId,
        metric: "tokens",
        period: "monthly",
        limit: plan.includedTokens,
        setBy: "admin",
        plan: plan.name,
        createdAt: plan.createdAt,
        updatedAt: plan.updatedAt,
      },
    ];
  };
}
