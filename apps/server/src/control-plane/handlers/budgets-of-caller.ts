import * as C from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { Budget } from "../../domain/budget.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

const [PURPOSE_KEY, PURPOSE_VALUE] = Object.entries(C.PLAYGROUND_KEY_PURPOSE)[0]!;

/**
 * The budgets that apply to the signed-in caller's answers in a workspace (budgets.mine): those on the
 * tenant, the workspace, the user, and the user's live playground keys there (the key chat and the
 * playground answer with; each issue revokes the earlier ones, so there are few). Each scope is one
 * indexed page of at most MY_BUDGETS_PER_SCOPE, so the answer is bounded whatever the tenant holds.
 */
export async function budgetsOfCaller(
  deps: ControlPlaneDeps,
  ctx: CallContext & { params: { tenantId: string; workspaceId: string } },
): Promise<Budget[]> {
  const { tenantId, workspaceId } = ctx.params;
  // A caller with a tenant-wide role passes the route's check for any id: another tenant's looks missing.
  found(await deps.store.forTenant(tenantId).workspaces.get(workspaceId));
  const principal = ctx.principal;
  if (principal?.kind !== "user") {
    throw new GatewayError("permission_denied", "Your budgets are shown to a signed-in user only.");
  }
  const keys = await deps.store
    .forTenant(tenantId)
    .apiKeys.list({ limit: 100, order: "desc" }, { workspaceId, userId: principal.userId, status: "active" });
  const scopes: Array<[Budget["scopeKind"], string]> = [
    ["tenant", tenantId],
    ["workspace", workspaceId],
    ["user", principal.userId],
    ...keys.items
      .filter((k) => k.metadata[PURPOSE_KEY] === PURPOSE_VALUE)
      .map((k): [Budget["scopeKind"], string] => ["key", k.id]),
  ];
  const pages = await Promise.all(
    scopes.map(([scopeKind, scopeId]) =>
      deps.store.budgets.page(
        tenantId,
        { limit: C.MY_BUDGETS_PER_SCOPE, order: "asc" },
        { scopeKind, scopeId },
      ),
    ),
  );
  return pages.flatMap((p) => p.items);
}
