import { randomBytes } from "node:crypto";
import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { periodEnd, periodStart } from "../../budgets/period-start.js";
import type { Budget, BudgetMetric, BudgetPeriod } from "../../domain/budget.js";
import { budgetsOfCaller } from "./budgets-of-caller.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
  requireIn,
} from "./control-plane-deps.js";

type TenantCtx = CallContext & { params: { tenantId: string } };
type BudgetCtx = CallContext & { params: { tenantId: string; budgetId: string } };
type ListQuery = C.ParsedQuery<typeof C.listBudgets>;

/**
 * Budgets and quotas (docs/budgets.md): admins (billing:manage) cap keys, users, workspaces and the
 * tenant; a key's owner may set a lower cap on their own key; the threshold webhook's settings. Every
 * change bumps the tenant's `budgets` scope, so every instance's snapshot follows at once.
 */
export function budgetHandlers(deps: ControlPlaneDeps) {
  const budgets = deps.store.budgets;
  const views = (list: readonly Budget[]) => viewsOf(deps, list);
  const target = (b: Budget) => ({ kind: "budget", id: b.id });
  return {
    "budgets.list": async (ctx: TenantCtx & { query: ListQuery }) => {
      const { scopeKind, scopeId } = ctx.query;
      const page = await budgets.page(ctx.params.tenantId, pageOf(ctx.query), {
        ...(scopeKind !== undefined && { scopeKind }),
        ...(scopeId !== undefined && { scopeId }),
      });
      return { items: await views(page.items), nextCursor: page.nextCursor };
    },
    "budgets.mine": async (ctx: TenantCtx & { params: { workspaceId: string } }) => ({
      items: await views(await budgetsOfCaller(deps, ctx)),
    }),
    "budgets.create": async (ctx: TenantCtx & { body: ParsedBody<typeof C.createBudget> }) => {
      const tenantId = ctx.params.tenantId;
      const scopeId = await requireScope(deps, tenantId, ctx.body.scopeKind, ctx.body.scopeId);
      const budget = await budgets.create(tenantId, { ...ctx.body, scopeId, setBy: "admin" });
      const [view] = await views([budget]);
      await audit(deps, ctx, tenantId, "budgets.create", target(budget), null, view);
      await deps.invalidate();
      return view!;
    },
    "budgets.update": async (ctx: BudgetCtx & { body: ParsedBody<typeof C.updateBudget> }) => {
      const before = found(await budgets.get(ctx.params.tenantId, ctx.params.budgetId));
      const after = await budgets.setLimit(before.tenantId, before.id, ctx.body.limit);
      const [was, now] = await views([before, after]);
      await audit(deps, ctx, before.tenantId, "budgets.update", target(before), was, now);
      await deps.invalidate();
      return now!;
    },
    "budgets.delete": async (ctx: BudgetCtx) => {
      const before = found(await budgets.get(ctx.params.tenantId, ctx.params.budgetId));
      await budgets.remove(before.tenantId, before.id);
      const [was] = await views([before]);
      await audit(deps, ctx, before.tenantId, "budgets.delete", target(before), was, null);
      await deps.invalidate();
      return null;
    },
    "budgets.setKeyCap": async (
      ctx: CallContext & {
        params: { tenantId: string; keyId: string };
        body: ParsedBody<typeof C.setKeyBudget>;
      },
    ) => {
      const { tenantId, keyId } = ctx.params;
      const access = await accessIn(deps, ctx);
      const key = found(await deps.store.apiKeys.get(tenantId, keyId));
      const own = ctx.principal?.kind === "user" && key.userId === ctx.principal.userId;
      const may =
        deps.access.can(access, "keys:manage", key.workspaceId) ||
        (own && deps.access.can(access, "keys:create", key.workspaceId));
      requireIn(deps, access, may ? "keys:read" : "keys:manage", key.workspaceId, "keys:read");
      const { metric, period, limit } = ctx.body;
      const all = await budgets.listTenant(tenantId);
      requireBelowAdminCaps(all, key, metric, period, limit);
      const mine = all.find(
        (b) => isOn(b, "key", key.id) && b.setBy === "member" && b.metric === metric && b.period === period,
      );
      const after = mine
        ? await budgets.setLimit(tenantId, mine.id, limit)
        : await budgets.create(tenantId, {
            scopeKind: "key",
            scopeId: key.id,
            metric,
            period,
            limit,
            setBy: "member",
          });
      const [was, now] = await views(mine ? [mine, after] : [after]);
      await audit(
        deps,
        ctx,
        tenantId,
        "budgets.setKeyCap",
        target(after),
        mine ? was : null,
        mine ? now : was,
      );
      await deps.invalidate();
      return (mine ? now : was)!;
    },
    "budgets.getWebhook": async (ctx: TenantCtx) => {
      const hook = await budgets.getWebhook(ctx.params.tenantId);
      return { url: hook?.url ?? null, updatedAt: hook?.updatedAt ?? null };
    },
    "budgets.putWebhook": async (ctx: TenantCtx & { body: ParsedBody<typeof C.putBudgetWebhook> }) => {
      const tenantId = ctx.params.tenantId;
      const before = await budgets.getWebhook(tenantId);
      // Shown once, here; stored sealed (AES-256-GCM) like every other secret.
      const secret = `whsec_${randomBytes(24).toString("base64url")}`;
      const hook = await budgets.putWebhook(
        tenantId,
        ctx.body.url,
        JSON.stringify(deps.secretBox.seal(secret)),
      );
      await audit(
        deps,
        ctx,
        tenantId,
        "budgets.putWebhook",
        { kind: "budget_webhook", id: null },
        before ? { url: before.url } : null,
        { url: hook.url },
      );
      return { url: hook.url, secret, updatedAt: hook.updatedAt };
    },
    "budgets.deleteWebhook": async (ctx: TenantCtx) => {
      const before = await budgets.getWebhook(ctx.params.tenantId);
      if (before && (await budgets.deleteWebhook(ctx.params.tenantId)))
        await audit(
          deps,
          ctx,
          ctx.params.tenantId,
          "budgets.deleteWebhook",
          { kind: "budget_webhook", id: null },
          { url: before.url },
          null,
        );
      return null;
    },
  };
}

/** The scope's id once it is known to be in the tenant (a tenant budget's is the tenant's own id). */
async function requireScope(
  deps: ControlPlaneDeps,
  tenantId: string,
  kind: Budget["scopeKind"],
  scopeId: string | undefined,
): Promise<string> {
  if (kind === "tenant") {
    if (scopeId !== undefined && scopeId !== tenantId)
      throw new GatewayError("invalid_request", "A tenant budget's scopeId is the tenant's id (or absent).", {
        param: "scopeId",
      });
    return tenantId;
  }
  if (scopeId === undefined)
    throw new GatewayError("invalid_request", `A ${kind} budget needs the ${kind}'s id in scopeId.`, {
      param: "scopeId",
    });
  const tenant = deps.store.forTenant(tenantId);
  const exists =
    kind === "key"
      ? await deps.store.apiKeys.get(tenantId, scopeId)
      : kind === "workspace"
        ? await tenant.workspaces.get(scopeId)
        : await tenant.members.get(scopeId);
  found(exists);
  return scopeId;
}

/** A member's cap on a key may only be lower than what admins set on that key and on its workspace. */
function requireBelowAdminCaps(
  all: readonly Budget[],
  key: { id: string; workspaceId: string },
  metric: BudgetMetric,
  period: BudgetPeriod,
  limit: number,
): void {
  const above = all.find(
    (b) =>
      b.setBy === "admin" &&
      b.metric === metric &&
      b.period === period &&
      (isOn(b, "key", key.id) || isOn(b, "workspace", key.workspaceId)) &&
      limit > b.limit,
  );
  if (above === undefined) return;
  throw new GatewayError(
    "permission_denied",
    `An admin capped this ${above.scopeKind} at ${above.limit} (${above.period}, ${above.metric}); you may only set a lower cap.`,
  );
}

function isOn(b: Budget, kind: Budget["scopeKind"], id: string): boolean {
  return b.scopeKind === kind && b.scopeId === id;
}

/** Budgets in their API shape, with the current period's counters (one ledger read for all). */
async function viewsOf(deps: ControlPlaneDeps, list: readonly Budget[]) {
  const now = deps.now();
  const keys = list.map((b) => ({ budgetId: b.id, periodStart: periodStart(b.period, now) }));
  const counters = await deps.budgetLedger.read(keys);
  return list.map((b, i) => ({
    id: b.id,
    tenantId: b.tenantId,
    scopeKind: b.scopeKind,
    scopeId: b.scopeId,
    metric: b.metric,
    period: b.period,
    limit: b.limit,
    setBy: b.setBy,
    current: {
      periodStart: keys[i]!.periodStart,
      periodEnd: periodEnd(b.period, now) ?? null,
      spent: counters[i]!.spent,
      reserved: counters[i]!.reserved,
    },
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  }));
}
