import { GatewayError } from "@gatehouse/protocol";
import type { Budget } from "../../domain/budget.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { paginate } from "../tenancy/paginate.js";
import type { Page, PageRequest } from "../tenancy-types.js";
import { toBudget } from "./budget-row.js";

/** What creates a budget (its tenant comes from the repo). */
export type BudgetInput = Pick<Budget, "scopeKind" | "scopeId" | "metric" | "period" | "limit" | "setBy">;

/** Budget definitions of one installation; every write bumps the tenant's `budgets` scope. */
export interface BudgetsRepo {
  /** Any number of budgets may cap one scope: every one applies. */
  create(tenantId: string, input: BudgetInput): Promise<Budget>;
  get(tenantId: string, id: string): Promise<Budget | undefined>;
  /** Changes the cap; `not_found` when the budget is not in the tenant. */
  setLimit(tenantId: string, id: string, limit: number): Promise<Budget>;
  /** False when it is not in the tenant. */
  remove(tenantId: string, id: string): Promise<boolean>;
  /** A page of the tenant's budgets, oldest first; `scopeKind`/`scopeId` narrow it. */
  page(
    tenantId: string,
    page: PageRequest,
    filter?: { scopeKind?: Budget["scopeKind"]; scopeId?: string },
  ): Promise<Page<Budget>>;
  /** Every budget of one tenant (the snapshot's rebuild of that tenant). */
  listTenant(tenantId: string): Promise<Budget[]>;
  /** Every budget (the snapshot's first build). */
  listAll(): Promise<Budget[]>;
  /** Records that `threshold` % was announced for this budget's period; false when it already was. */
  markNotified(tenantId: string, budgetId: string, periodStart: number, threshold: number): Promise<boolean>;
  /** The tenant's threshold webhook (URL and sealed secret, JSON of a SealedSecret). */
  getWebhook(tenantId: string): Promise<BudgetWebhook | undefined>;
  putWebhook(tenantId: string, url: string, secretSealed: string): Promise<BudgetWebhook>;
  /** False when none was set. */
  deleteWebhook(tenantId: string): Promise<boolean>;
}

/** A tenant's threshold webhook as stored. */
export interface BudgetWebhook {
  tenantId: string;
  url: string;
  secretSealed: string;
  updatedAt: number;
}

/**
 * The budgets repository over a database or a transaction.
 *
 * @example
 * const budget = await createBudgetsRepo(ctx).create(tenantId, { scopeKind: "tenant", scopeId: tenantId, metric: "cost", period: "monthly", limit: 100e9, setBy: "admin" });
 */
export function createBudgetsRepo({ db, now }: RepoContext): BudgetsRepo {
  const get = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom("budgets")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toBudget(row);
  };
  return {
    async create(tenantId, input) {
      const at = now();
      const row = {
        id: newId("bdg"),
        tenant_id: tenantId,
        scope_kind: input.scopeKind,
        scope_id: input.scopeId,
        metric: input.metric,
        period: input.period,
        cap: input.limit,
        set_by: input.setBy,
        created_at: at,
        updated_at: at,
      };
      await inTransaction(db, async (trx) => {
        await trx.insertInto("budgets").values(row).execute();
        await bumpScope(trx, tenantId, "budgets");
      });
      return toBudget(row);
    },
    get,
    async setLimit(tenantId, id, limit) {
      return inTransaction(db, async (trx) => {
        const r = await trx
          .updateTable("budgets")
          .set({ cap: limit, updated_at: now() })
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new GatewayError("not_found", "No such budget.");
        await bumpScope(trx, tenantId, "budgets");
        const row = await trx
          .selectFrom("budgets")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        return toBudget(row);
      });
    },
    async remove(tenantId, id) {
      return inTransaction(db, async (trx) => {
        const r = await trx
          .deleteFrom("budgets")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) return false;
        await bumpScope(trx, tenantId, "budgets");
        return true;
      });
    },
    page(tenantId, page, filter = {}) {
      let q = db.selectFrom("budgets").selectAll().where("tenant_id", "=", tenantId);
      if (filter.scopeKind !== undefined) q = q.where("scope_kind", "=", filter.scopeKind);
      if (filter.scopeId !== undefined) q = q.where("scope_id", "=", filter.scopeId);
      return paginate(q, page, { at: "created_at", id: "id" }, toBudget, (r) => [Number(r.created_at), r.id]);
    },
    async listTenant(tenantId) {
      const rows = await db.selectFrom("budgets").selectAll().where("tenant_id", "=", tenantId).execute();
      return rows.map(toBudget);
    },
    async listAll() {
      return (await db.selectFrom("budgets").selectAll().execute()).map(toBudget);
    },
    async markNotified(tenantId, budgetId, periodStart, threshold) {
      const r = await db
        .insertInto("budget_notifications")
        .values({
          budget_id: budgetId,
          period_start: periodStart,
          threshold,
          tenant_id: tenantId,
          created_at: now(),
        })
        .onConflict((oc) => oc.columns(["budget_id", "period_start", "threshold"]).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
    async getWebhook(tenantId) {
      const row = await db
        .selectFrom("budget_webhooks")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst();
      return (
        row && { tenantId, url: row.url, secretSealed: row.secret_sealed, updatedAt: Number(row.updated_at) }
      );
    },
    async putWebhook(tenantId, url, secretSealed) {
      const at = now();
      await db
        .insertInto("budget_webhooks")
        .values({ tenant_id: tenantId, url, secret_sealed: secretSealed, updated_at: at })
        .onConflict((oc) =>
          oc.column("tenant_id").doUpdateSet({ url, secret_sealed: secretSealed, updated_at: at }),
        )
        .execute();
      return { tenantId, url, secretSealed, updatedAt: at };
    },
    async deleteWebhook(tenantId) {
      const r = await db.deleteFrom("budget_webhooks").where("tenant_id", "=", tenantId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
