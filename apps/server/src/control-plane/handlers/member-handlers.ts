import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { isBuiltInTenantRole } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { TenantAccess } from "../../auth/access-control.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
  requireIn,
  requireTenantWide,
} from "./control-plane-deps.js";
import { requireGrantable } from "./grantable.js";
import { requireWorkspace } from "./workspace-handlers.js";

type MemberCtx = CallContext & { params: { tenantId: string; userId: string } };
type WsCtx = CallContext & { params: { tenantId: string; workspaceId: string } };
type WsMemberCtx = CallContext & { params: { tenantId: string; workspaceId: string; userId: string } };

/**
 * Members of a tenant and of its workspaces. Only an owner grants or removes the owner role, and the last
 * owner can be neither demoted nor removed, so a tenant always has someone who can manage it.
 */
export function memberHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "members.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listMembers> }) => {
      // Every member of the tenant: a workspace role's members:read shows only its workspace's members.
      requireTenantWide(deps, await accessIn(deps, ctx), "members:read");
      const { role } = ctx.query;
      return scoped(ctx).members.list(pageOf(ctx.query), role === undefined ? {} : { role });
    },
    "members.update": async (ctx: MemberCtx & { body: Body<typeof C.updateMember> }) => {
      const access = await accessIn(deps, ctx);
      const before = await requireMember(deps, ctx);
      await requireRoleExists(deps, ctx, ctx.body.role);
      await requireMayGrant(deps, ctx, access, before.role, ctx.body.role);
      if (before.role === "owner" && ctx.body.role !== "owner") await requireAnotherOwner(deps, ctx);
      const after = (await scoped(ctx).members.setRole(before.userId, ctx.body.role)) ?? before;
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "members.update",
        { kind: "member", id: before.userId },
        before,
        after,
      );
      await deps.invalidate();
      return after;
    },
    "members.remove": async (ctx: MemberCtx) => {
      const access = await accessIn(deps, ctx);
      const before = await requireMember(deps, ctx);
      await requireMayGrant(deps, ctx, access, before.role, before.role);
      if (before.role === "owner") await requireAnotherOwner(deps, ctx);
      await scoped(ctx).members.remove(before.userId);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "members.remove",
        { kind: "member", id: before.userId },
        before,
        null,
      );
      await deps.invalidate();
      return null;
    },
    "workspaceMembers.list": async (ctx: WsCtx & { query: ParsedQuery<typeof C.listWorkspaceMembers> }) => {
      const access = await accessIn(deps, ctx);
      requireIn(deps, access, "members:read", ctx.params.workspaceId, "workspaces:read");
      await requireWorkspace(deps, ctx);
      return scoped(ctx).workspaceMembers.list(ctx.params.workspaceId, pageOf(ctx.query));
    },
    "workspaceMembers.put": async (ctx: WsMemberCtx & { body: Body<typeof C.putWorkspaceMember> }) => {
      await requireWorkspace(deps, ctx);
      const after = await scoped(ctx).workspaceMembers.put(
        ctx.params.workspaceId,
        ctx.params.userId,
        ctx.body.role,
      );
      const targetId = `${ctx.params.workspaceId}/${ctx.params.userId}`;
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "workspaceMembers.put",
        { kind: "workspace_member", id: targetId },
        null,
        after,
      );
      await deps.invalidate();
      return after;
    },
    "workspaceMembers.remove": async (ctx: WsMemberCtx) => {
      await requireWorkspace(deps, ctx);
      found(
        (await scoped(ctx).workspaceMembers.remove(ctx.params.workspaceId, ctx.params.userId)) || undefined,
      );
      const targetId = `${ctx.params.workspaceId}/${ctx.params.userId}`;
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "workspaceMembers.remove",
        { kind: "workspace_member", id: targetId },
        null,
        null,
      );
      await deps.invalidate();
      return null;
    },
  };
}

async function requireMember(deps: ControlPlaneDeps, ctx: MemberCtx) {
  const member = found(await deps.store.forTenant(ctx.params.tenantId).members.get(ctx.params.userId));
  return member;
}

/** A role must be built in or one of this tenant's custom roles. */
export async function requireRoleExists(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  role: string,
): Promise<void> {
  if (isBuiltInTenantRole(role)) return;
  if ((await deps.store.forTenant(ctx.tenantId!).roles.get(role)) === undefined) {
    throw new GatewayError("invalid_request", `No role '${role}' in this tenant.`, { param: "role" });
  }
}

async function requireMayGrant(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  access: TenantAccess,
  from: string,
  to: string,
): Promise<void> {
  const message = "Only an owner grants, changes or removes the owner role.";
  await requireGrantable(deps, ctx, access, to, message);
  await requireGrantable(deps, ctx, access, from, message);
}

async function requireAnotherOwner(deps: ControlPlaneDeps, ctx: CallContext): Promise<void> {
  if ((await deps.store.forTenant(ctx.tenantId!).members.countWithRole("owner")) < 2) {
    throw new GatewayError("conflict", "A tenant keeps at least one owner: make someone else owner first.");
  }
}
