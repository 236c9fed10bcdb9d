import type * as C from "@gatehouse/contracts";
import type { Body } from "@gatehouse/contracts";
import { TENANT_ROLE_PERMISSIONS, TENANT_ROLES } from "@gatehouse/contracts";
import type { CustomRole } from "../../store/tenancy-types.js";
import { accessIn, audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";
import { requireHeld } from "./grantable.js";

type RoleCtx = CallContext & { params: { tenantId: string; roleId: string } };

/** Roles: the built-in ones (read-only) and the tenant's custom roles, named sets of permissions. */
export function roleHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "roles.list": async (ctx: CallContext) => {
      const builtIn = TENANT_ROLES.map((name) => ({
        id: name,
        name,
        builtIn: true,
        permissions: [...TENANT_ROLE_PERMISSIONS[name]],
        createdAt: null,
      }));
      // Custom roles per tenant are few (a role per job); one bounded page holds them all.
      const custom = await scoped(ctx).roles.list({ limit: 200, order: "asc" });
      return { items: [...builtIn, ...custom.items.map(view)] };
    },
    "roles.create": async (ctx: CallContext & { body: Body<typeof C.createRole> }) => {
      requireHeld(await accessIn(deps, ctx), ctx.body.permissions);
      const role = await scoped(ctx).roles.create({ name: ctx.body.name, permissions: ctx.body.permissions });
      await audit(deps, ctx, ctx.tenantId!, "roles.create", { kind: "role", id: role.id }, null, view(role));
      return view(role);
    },
    "roles.update": async (ctx: RoleCtx & { body: Body<typeof C.updateRole> }) => {
      const access = await accessIn(deps, ctx);
      const before = await requireRole(deps, ctx);
      // Changing a role grants to everyone who holds it: only what the caller holds may be added.
      requireHeld(access, ctx.body.permissions ?? []);
      const patch = {
        ...(ctx.body.name === undefined ? {} : { name: ctx.body.name }),
        ...(ctx.body.permissions === undefined ? {} : { permissions: ctx.body.permissions }),
      };
      const after = (await scoped(ctx).roles.update(before.id, patch)) ?? before;
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "roles.update",
        { kind: "role", id: before.id },
        view(before),
        view(after),
      );
      await deps.invalidate();
      return view(after);
    },
    "roles.delete": async (ctx: RoleCtx) => {
      const before = await requireRole(deps, ctx);
      await scoped(ctx).roles.remove(before.id);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "roles.delete",
        { kind: "role", id: before.id },
        view(before),
        null,
      );
      await deps.invalidate();
      return null;
    },
  };
}

async function requireRole(deps: ControlPlaneDeps, ctx: RoleCtx): Promise<CustomRole> {
  const role = found(await deps.store.forTenant(ctx.params.tenantId).roles.get(ctx.params.roleId));
  return role;
}

function view(role: CustomRole) {
  return {
    id: role.id,
    name: role.name,
    builtIn: false,
    permissions: role.permissions as C.Permission[],
    createdAt: role.createdAt,
  };
}
