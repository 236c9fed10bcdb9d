import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { Tenant } from "../../store/store-types.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  userIdOf,
} from "./control-plane-deps.js";

type Ctx = CallContext & { params: { tenantId: string } };

/**
 * Tenants (organisations): a user lists the tenants they belong to and creates new ones (becoming their
 * owner, with a first workspace); members read and owners/admins rename theirs.
 */
export function tenantHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  return {
    "tenants.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listTenants> }) => {
      const memberships = await store.accounts.membershipsOf(userIdOf(ctx));
      const tenants = await Promise.all(memberships.map((m) => store.tenants.get(m.tenantId)));
      const rows = tenants
        .map((t, i) => t && { ...t, role: memberships[i]!.role })
        .filter((t): t is Tenant & { role: string } => t !== undefined);
      return pageInMemory(rows, ctx.query);
    },
    "tenants.create": async (ctx: CallContext & { body: Body<typeof C.createTenant> }) => {
      const userId = userIdOf(ctx);
      const tenant = await store.transaction(async (tx) => {
        const created = await tx.tenants.create({ name: ctx.body.name });
        await tx.forTenant(created.id).members.add(userId, "owner");
        await tx.forTenant(created.id).workspaces.create({ name: "Default", allowedModels: null });
        return created;
      });
      await audit(deps, ctx, tenant.id, "tenants.create", { kind: "tenant", id: tenant.id }, null, tenant);
      return { ...tenant, role: "owner" };
    },
    "tenants.get": async (ctx: Ctx) => {
      const access = await accessIn(deps, ctx);
      const tenant = await requireTenant(deps, ctx.params.tenantId);
      return access.role === null ? tenant : { ...tenant, role: access.role };
    },
    "tenants.update": async (ctx: Ctx & { body: Body<typeof C.updateTenant> }) => {
      const before = await requireTenant(deps, ctx.params.tenantId);
      const after = await store.tenants.rename(before.id, ctx.body.name);
      await audit(deps, ctx, before.id, "tenants.update", { kind: "tenant", id: before.id }, before, after);
      return after;
    },
  };
}

async function requireTenant(deps: ControlPlaneDeps, id: string): Promise<Tenant> {
  const tenant = found(await deps.store.tenants.get(id));
  return tenant;
}

/**
 * Pages a short list held in memory (the tenants of one user: a handful) with the same cursor contract
 * as the store's lists: the cursor is the last item's position.
 */
function pageInMemory<T extends { createdAt: number }>(
  rows: T[],
  query: { limit: number; cursor?: string | undefined; order: "asc" | "desc" },
) {
  const sorted = [...rows].sort((a, b) =>
    query.order === "asc" ? a.createdAt - b.createdAt : b.createdAt - a.createdAt,
  );
  const start = query.cursor === undefined ? 0 : Number.parseInt(query.cursor, 10);
  if (!Number.isSafeInteger(start) || start < 0) throw new GatewayError("invalid_request", "Invalid cursor.");
  const items = sorted.slice(start, start + query.limit);
  const next = start + items.length;
  return { items, nextCursor: next < sorted.length ? String(next) : null };
}
