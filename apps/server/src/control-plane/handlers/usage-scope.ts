import type { UsageFilters } from "../../store/usage/usage-report-types.js";
import { accessIn, type CallContext, type ControlPlaneDeps } from "./control-plane-deps.js";

/** The dimension filters of a usage query, as the contracts name them. */
export interface UsageFilterQuery {
  model?: string | undefined;
  provider?: string | undefined;
  keyId?: string | undefined;
  userId?: string | undefined;
  workspaceId?: string | undefined;
}

/**
 * The workspaces a caller's usage reads cover: "all" with usage:read tenant-wide, else the workspaces
 * where they hold it (as keys.list narrows workspace readers); a requested workspace outside them leaves
 * an empty list, so the answer is empty rather than an error that would confirm the workspace exists.
 *
 * @example
 * const workspaces = await usageWorkspaces(deps, ctx, ctx.query.workspaceId);
 */
export async function usageWorkspaces(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  requested: string | undefined,
): Promise<"all" | string[]> {
  const visible = deps.access.workspacesWith(await accessIn(deps, ctx), "usage:read");
  if (requested === undefined) return visible;
  return visible === "all" || visible.includes(requested) ? [requested] : [];
}

/**
 * The rollup filters of a query, narrowed to the caller's workspaces.
 *
 * @example
 * await analytics.series({ ...range, filters: await usageFilters(deps, ctx, ctx.query), limit });
 */
export async function usageFilters(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  query: UsageFilterQuery,
): Promise<UsageFilters> {
  const workspaces = await usageWorkspaces(deps, ctx, query.workspaceId);
  const filters: UsageFilters = {};
  if (workspaces !== "all") filters.workspace = workspaces;
  if (query.model !== undefined) filters.model = [query.model];
  if (query.provider !== undefined) filters.provider = [query.provider];
  if (query.keyId !== undefined) filters.key = [query.keyId];
  if (query.userId !== undefined) filters.user = [query.userId];
  return filters;
}
