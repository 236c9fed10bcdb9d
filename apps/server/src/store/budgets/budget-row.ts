import type { Budget, BudgetMetric, BudgetPeriod, BudgetScopeKind } from "../../domain/budget.js";
import type { BudgetsTable } from "../database.js";

/**
 * A `budgets` row as the domain's Budget.
 *
 * @example
 * const budget = toBudget(row);
 */
export function toBudget(row: BudgetsTable): Budget {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    scopeKind: row.scope_kind as BudgetScopeKind,
    scopeId: row.scope_id,
    metric: row.metric as BudgetMetric,
    period: row.period as BudgetPeriod,
    limit: Number(row.cap),
    setBy: row.set_by === "member" ? "member" : "admin",
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
