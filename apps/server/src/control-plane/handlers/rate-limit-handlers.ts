import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { TenantAccess } from "../../auth/access-control.js";
import type {
  LimitScopeKind,
  RateLimitPatch,
  RateLimitRule,
} from "../../store/rate-limits/rate-limit-types.js";
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

type LimitCtx = CallContext & { params: { tenantId: string; limitId: string } };
/** How the caller may change a limit: fully, or only lower it (a member on a key of their own). */
type Right = "manage" | "lower";

/**
 * Rate limits (docs/limits.md). Who may change one depends on its scope: the tenant's or a user's needs
 * tenant:update; a workspace's keys:manage there; a key's keys:manage in its workspace, or — for a
 * member's own key, with keys:create there — creating one and lowering it afterwards (a key limit only
 * ever narrows what the key may do, so a member cannot raise anything by it; removing one or raising it
 * would). Listing needs keys:read across the tenant. Objects of workspaces the caller cannot read answer
 * 404, like missing ones.
 */
export function rateLimitHandlers(deps: ControlPlaneDeps) {
  const repo = (tenantId: string) => deps.store.forTenant(tenantId).rateLimits;
  return {
    "rateLimits.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listRateLimits> }) => {
      requireTenantWide(deps, await accessIn(deps, ctx), "keys:read");
      const { scopeKind, scopeId } = ctx.query;
      const page = await repo(ctx.tenantId!).list(pageOf(ctx.query), {
        ...(scopeKind === undefined ? {} : { scopeKind }),
        ...(scopeId === undefined ? {} : { scopeId }),
      });
      const use = await deps.rateLimitUse(page.items);
      const none = { requests: null, tokens: null, concurrent: null };
      return {
        items: page.items.map((r) => ({ ...r, use: use.get(r.id) ?? none })),
        nextCursor: page.nextCursor,
      };
    },
    "rateLimits.create": async (
      ctx: CallContext & { params: { tenantId: string }; body: Body<typeof C.createRateLimit> },
    ) => {
      const { tenantId } = ctx.params;
      await requireRight(deps, ctx, ctx.body.scopeKind, ctx.body.scopeId);
      const rule = await repo(tenantId).create({ ...ctx.body, scopeKind: ctx.body.scopeKind });
      await audit(deps, ctx, tenantId, "rateLimits.create", target(rule), null, rule);
      await deps.invalidate();
      return rule;
    },
    "rateLimits.update": async (ctx: LimitCtx & { body: Body<typeof C.updateRateLimit> }) => {
      const before = found(await repo(ctx.params.tenantId).get(ctx.params.limitId));
      const right = await requireRight(deps, ctx, before.scopeKind, before.scopeId);
      const patch: RateLimitPatch = ctx.body;
      if (right === "lower") assertLowers(before, patch);
      const after = found(await repo(before.tenantId).update(before.id, patch));
      await audit(deps, ctx, before.tenantId, "rateLimits.update", target(before), before, after);
      await deps.invalidate();
      return after;
    },
    "rateLimits.delete": async (ctx: LimitCtx) => {
      const before = found(await repo(ctx.params.tenantId).get(ctx.params.limitId));
      const right = await requireRight(deps, ctx, before.scopeKind, before.scopeId);
      if (right === "lower")
        throw new GatewayError("permission_denied", "Removing a limit on your key needs keys:manage.");
      await repo(before.tenantId).remove(before.id);
      await audit(deps, ctx, before.tenantId, "rateLimits.delete", target(before), before, null);
      await deps.invalidate();
      return null;
    },
  };
}

/** The caller's right over a scope, or the 403/404 it gets (see rateLimitHandlers). */
async function requireRight(
  deps: ControlPlaneDeps,
  ctx: CallContext & { params: { tenantId: string } },
  kind: LimitScopeKind,
  scopeId: string,
): Promise<Right> {
  const access = await accessIn(deps, ctx);
  const { tenantId } = ctx.params;
  if (kind === "tenant" || kind === "user") {
    if (kind === "tenant" && scopeId !== tenantId) throw found(undefined);
    requireTenantWide(deps, access, "tenant:update");
    return "manage";
  }
  if (kind === "workspace") {
    found(await deps.store.forTenant(tenantId).workspaces.get(scopeId));
    requireIn(deps, access, "keys:manage", scopeId, "keys:read");
    return "manage";
  }
  const key = found(await deps.store.apiKeys.get(tenantId, scopeId));
  if (deps.access.can(access, "keys:manage", key.workspaceId)) return "manage";
  if (ownKey(deps, access, ctx, key)) {
    requireIn(deps, access, "keys:read", key.workspaceId, "keys:read");
    return "lower";
  }
  requireIn(deps, access, "keys:manage", key.workspaceId, "keys:read");
  return "manage";
}

function ownKey(
  deps: ControlPlaneDeps,
  access: TenantAccess,
  ctx: CallContext,
  key: { userId: string | null; workspaceId: string },
): boolean {
  const own = ctx.principal?.kind === "user" && key.userId === ctx.principal.userId;
  return own && deps.access.can(access, "keys:create", key.workspaceId);
}

/** A member's change of a limit on their own key: the same models, and every value set and no higher. */
function assertLowers(before: RateLimitRule, patch: RateLimitPatch): void {
  if (patch.model !== undefined && patch.model !== before.model)
    throw new GatewayError(
      "permission_denied",
      "Changing the models a limit on your key covers needs keys:manage.",
    );
  for (const field of ["rpm", "tpm", "concurrency"] as const) {
    const next = patch[field];
    if (next === undefined) continue;
    const was = before[field];
    if (next === null ? was !== null : was !== null && next > was)
      throw new GatewayError(
        "permission_denied",
        `Raising ${field} of a limit on your key needs keys:manage.`,
      );
  }
}

function target(rule: RateLimitRule) {
  return { kind: "rate_limit", id: rule.id };
}
