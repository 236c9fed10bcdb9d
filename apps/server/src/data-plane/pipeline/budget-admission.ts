import type { BudgetGuard } from "../../budgets/budget-guard.js";
import type { Admission, AdmissionControl } from "./admission.js";
import { maxOutputTokensOf } from "./max-cost-nano.js";
import type { RequestScope } from "./request-scope.js";

const NOTHING_RESERVED: Admission = Object.freeze({ settle() {} });

/**
 * The budget gate of the `admit` step: reserves the request's largest possible cost (`maxCostNano`) and
 * tokens (prompt + output cap) against every budget and quota of its key, user, workspace and tenant,
 * before any upstream call; the meter step settles the actual cost and tokens, the rest is released.
 * Token counts and model lists (answered by the gateway itself) reserve nothing.
 *
 * @example
 * const admission = composeAdmission([rateLimits, budgetAdmission(guard, defaultMaxCostNano)]);
 */
export function budgetAdmission(
  guard: Pick<BudgetGuard, "reserve">,
  maxCostNano: (scope: RequestScope) => number,
): AdmissionControl {
  return {
    async admit(scope) {
      if (scope.route === undefined || (scope.operation !== "chat" && scope.operation !== "embeddings"))
        return NOTHING_RESERVED;
      const { principal } = scope;
      let cost: number | undefined;
      const hold = await guard.reserve({
        requestId: scope.id,
        tenantId: principal.tenantId,
        workspaceId: principal.workspaceId,
        userId: principal.userId,
        keyId: principal.id,
        // Priced only when a cost budget applies: most tenants have none, and pricing every deployment
        // of the route would be work on every request for nothing.
        get maxCostNano() {
          cost ??= maxCostNano(scope);
          return cost;
        },
        maxTokens: scope.estimate.promptTokens + maxOutputTokensOf(scope),
      });
      return {
        settle: ({ costNano, usage }) =>
          hold.settle(costNano, usage === undefined ? 0 : usage.inputTokens + usage.outputTokens),
      };
    },
  };
}
