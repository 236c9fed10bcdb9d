import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import type { Tenant } from "../../store/store-types.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
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
      return store.accounts.tenantsOf(userIdOf(ctx), pageOf(ctx.query));
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
      const permissions = [...access.tenant];
      const workspacePermissions = Object.fromEntries(
        [...access.workspaces].map(([workspaceId, granted]) => [workspaceId, [...granted]]),
      );
      const grants = { permissions, workspacePermissions };
      return access.role === null ? { ...tenant, ...grants } : { ...tenant, role: access.role, ...grants };
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
