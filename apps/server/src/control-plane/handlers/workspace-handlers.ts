import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { validateModelPattern } from "../../auth/model-pattern.js";
import type { Workspace } from "../../store/store-types.js";
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
type WorkspaceCtx = CallContext & { params: { tenantId: string; workspaceId: string } };

/**
 * Workspaces (projects, teams). A member sees the workspaces they belong to; tenant-wide readers see all.
 * Allowed models are checked as patterns when written, so the data plane compiles them without surprises.
 */
export function workspaceHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "workspaces.list": async (ctx: TenantCtx & { query: ParsedQuery<typeof C.listWorkspaces> }) => {
      const access = await accessIn(deps, ctx);
      const visible = deps.access.workspacesWith(access, "workspaces:read");
      const filter = visible === "all" ? {} : { ids: visible };
      return scoped(ctx).workspaces.list(pageOf(ctx.query), filter);
    },
    "workspaces.create": async (ctx: TenantCtx & { body: Body<typeof C.createWorkspace> }) => {
      checkPatterns(ctx.body.allowedModels);
      const workspace = await scoped(ctx).workspaces.create({
        name: ctx.body.name,
        allowedModels: ctx.body.allowedModels ?? null,
      });
      await audit(deps, ctx, workspace.tenantId, "workspaces.create", target(workspace), null, workspace);
      return workspace;
    },
    "workspaces.get": async (ctx: WorkspaceCtx) => {
      const access = await accessIn(deps, ctx);
      requireIn(deps, access, "workspaces:read", ctx.params.workspaceId, "workspaces:read");
      return requireWorkspace(deps, ctx);
    },
    "workspaces.update": async (ctx: WorkspaceCtx & { body: Body<typeof C.updateWorkspace> }) => {
      checkPatterns(ctx.body.allowedModels);
      const before = await requireWorkspace(deps, ctx);
      const patch = {
        ...(ctx.body.name === undefined ? {} : { name: ctx.body.name }),
        ...(ctx.body.allowedModels === undefined ? {} : { allowedModels: ctx.body.allowedModels }),
      };
      const after = (await scoped(ctx).workspaces.update(before.id, patch)) ?? before;
      await audit(deps, ctx, before.tenantId, "workspaces.update", target(before), before, after);
      await deps.invalidate();
      return after;
    },
    "workspaces.delete": async (ctx: WorkspaceCtx) => {
      const before = await requireWorkspace(deps, ctx);
      await scoped(ctx).workspaces.remove(before.id);
      await audit(deps, ctx, before.tenantId, "workspaces.delete", target(before), before, null);
      await deps.invalidate();
      return null;
    },
  };
}

export async function requireWorkspace(deps: ControlPlaneDeps, ctx: WorkspaceCtx): Promise<Workspace> {
  const workspace = found(
    await deps.store.forTenant(ctx.params.tenantId).workspaces.get(ctx.params.workspaceId),
  );
  return workspace;
}

/** Validates model patterns (400 naming the bad one). */
export function checkPatterns(patterns: readonly string[] | null | undefined): void {
  for (const pattern of patterns ?? []) validateModelPattern(pattern);
}

function target(workspace: Workspace) {
  return { kind: "workspace", id: workspace.id };
}
