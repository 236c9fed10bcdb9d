import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { TenantAccess } from "../../auth/access-control.js";
import { issueApiKey } from "../../auth/issue-api-key.js";
import { formatCidr, parseCidr } from "../../security/cidr.js";
import type { ApiKey } from "../../store/store-types.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  found,
  pageOf,
  requireIn,
} from "./control-plane-deps.js";
import { requireGrantable } from "./grantable.js";
import { keyView } from "./key-view.js";
import { checkPatterns } from "./workspace-handlers.js";

type KeyCtx = CallContext & { params: { tenantId: string; keyId: string } };
type Settings = Body<typeof C.updateKey>;

/**
 * API keys. Anyone who may create keys in a workspace manages the keys they own there; `keys:manage`
 * manages every key of the workspace; `keys:read` reads them (a member sees their team's keys). Keys of
 * workspaces the caller cannot read answer 404, like keys that do not exist.
 */
export function keyHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  const view = (key: ApiKey) => keyView(key, deps.now());
  return {
    "keys.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listKeys> }) => {
      const access = await accessIn(deps, ctx);
      const visible = deps.access.workspacesWith(access, "keys:read");
      const { workspaceId, userId, status } = ctx.query;
      const page = await scoped(ctx).apiKeys.list(pageOf(ctx.query), {
        ...(workspaceId === undefined ? {} : { workspaceId }),
        ...(userId === undefined ? {} : { userId }),
        ...(status === undefined ? {} : { status }),
        ...(visible === "all" ? {} : { workspaceIds: visible }),
      });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
    "keys.create": async (
      ctx: CallContext & {
        params: { tenantId: string; workspaceId: string };
        body: Body<typeof C.createKey>;
      },
    ) => {
      const { tenantId, workspaceId } = ctx.params;
      const settings = normalise(ctx.body);
      const principal = ctx.principal!;
      const { apiKey, secret } = await issueApiKey(deps.store, {
        tenantId,
        workspaceId,
        userId: principal.kind === "user" ? principal.userId : null,
        name: ctx.body.name,
        ...settings,
      });
      await audit(deps, ctx, tenantId, "keys.create", target(apiKey), null, view(apiKey));
      // Instances that cached the new key's hash as unknown (presented before it existed) forget it now.
      await deps.invalidate();
      return { key: view(apiKey), secret };
    },
    "keys.get": async (ctx: KeyCtx) => view(await requireKey(deps, ctx, "keys:read")),
    "keys.update": async (ctx: KeyCtx & { body: Settings }) => {
      const before = await requireKey(deps, ctx, "keys:create");
      const patch = {
        ...(ctx.body.name === undefined ? {} : { name: ctx.body.name }),
        ...normalise(ctx.body),
      };
      const after = (await scoped(ctx).apiKeys.update(before.id, patch)) ?? before;
      await audit(deps, ctx, before.tenantId, "keys.update", target(before), view(before), view(after));
      await deps.invalidate();
      return view(after);
    },
    "keys.rotate": async (ctx: KeyCtx & { body: Body<typeof C.rotateKey> }) => {
      const old = await requireKey(deps, ctx, "keys:create");
      if (old.serviceAccountId !== null) await requireMayActAs(deps, ctx, old.serviceAccountId);
      if (old.revokedAt !== null) throw new GatewayError("conflict", "A revoked key cannot be rotated.");
      const { apiKey, secret } = await issueApiKey(deps.store, {
        tenantId: old.tenantId,
        workspaceId: old.workspaceId,
        userId: old.userId,
        serviceAccountId: old.serviceAccountId,
        name: old.name,
        expiresAt: old.expiresAt,
        allowedModels: old.allowedModels,
        allowedCidrs: old.allowedCidrs,
        metadata: old.metadata,
      });
      // The old key keeps working for the grace period, so clients can be moved without an outage.
      await scoped(ctx).apiKeys.expireAt(old.id, deps.now() + (ctx.body.gracePeriodSeconds ?? 3600) * 1000);
      await audit(deps, ctx, old.tenantId, "keys.rotate", target(old), view(old), view(apiKey));
      await deps.invalidate();
      return { key: view(apiKey), secret };
    },
    "keys.revoke": async (ctx: KeyCtx) => {
      const before = await requireKey(deps, ctx, "keys:create");
      await deps.store.apiKeys.revoke(before.tenantId, before.id);
      await deps.invalidate();
      const after = (await deps.store.apiKeys.get(before.tenantId, before.id)) ?? before;
      await audit(deps, ctx, before.tenantId, "keys.revoke", target(before), view(before), view(after));
      return view(after);
    },
  };
}

/** The key named by the path, if the caller may act on it (see keyHandlers). */
async function requireKey(
  deps: ControlPlaneDeps,
  ctx: KeyCtx,
  permission: "keys:read" | "keys:create",
): Promise<ApiKey> {
  const access = await accessIn(deps, ctx);
  const key = found(await deps.store.apiKeys.get(ctx.params.tenantId, ctx.params.keyId));
  if (permission === "keys:read" || ownsOrManages(deps, access, key, ctx)) {
    requireIn(deps, access, "keys:read", key.workspaceId, "keys:read");
    return key;
  }
  requireIn(deps, access, "keys:manage", key.workspaceId, "keys:read");
  return key;
}

/**
 * A rotated service-account key's new secret acts with the account's tenant role, so rotating one takes
 * what creating the account takes: service-accounts:manage, and the right to grant its role (a workspace
 * admin, or a tenant admin facing an owner-role account, would otherwise gain that role).
 */
async function requireMayActAs(deps: ControlPlaneDeps, ctx: KeyCtx, serviceAccountId: string): Promise<void> {
  const access = await accessIn(deps, ctx);
  if (!deps.access.can(access, "service-accounts:manage")) {
    throw new GatewayError(
      "permission_denied",
      "Rotating a service account's key needs service-accounts:manage: the new key acts with its role.",
    );
  }
  const account = await deps.store.forTenant(ctx.params.tenantId).serviceAccounts.get(serviceAccountId);
  if (account !== undefined) {
    await requireGrantable(
      deps,
      ctx,
      access,
      account.role,
      "You may not hold a key with this service account's role.",
    );
  }
}

function ownsOrManages(deps: ControlPlaneDeps, access: TenantAccess, key: ApiKey, ctx: CallContext): boolean {
  if (deps.access.can(access, "keys:manage", key.workspaceId)) return true;
  const own = ctx.principal?.kind === "user" && key.userId === ctx.principal.userId;
  return own && deps.access.can(access, "keys:create", key.workspaceId);
}

/** Key settings from a body: patterns validated, ranges parsed and written canonically. */
function normalise(body: Settings) {
  checkPatterns(body.allowedModels);
  return {
    ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
    ...(body.allowedModels === undefined ? {} : { allowedModels: body.allowedModels }),
    ...(body.allowedCidrs === undefined
      ? {}
      : {
          allowedCidrs:
            body.allowedCidrs === null ? null : body.allowedCidrs.map((c) => formatCidr(parseCidr(c))),
        }),
    ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
  };
}

function target(key: ApiKey) {
  return { kind: "api_key", id: key.id };
}
