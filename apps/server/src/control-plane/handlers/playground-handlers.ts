import * as C from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { issueApiKey } from "../../auth/issue-api-key.js";
import type { ApiKey } from "../../store/store-types.js";
import { audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";
import { keyView } from "./key-view.js";

type PlaygroundCtx = CallContext & { params: { tenantId: string; workspaceId: string } };

const PURPOSE = Object.entries(C.PLAYGROUND_KEY_PURPOSE)[0]!;

/**
 * The console's playground: it calls the data plane like any client, so it needs an API key, not the
 * user's session token. Rather than teaching the hot path a second credential, a signed-in user with
 * models:use in a workspace gets a short-lived key of their own there (metered, budgeted and
 * rate-limited as theirs, audited, visible in their key list); a new one revokes the earlier ones. The
 * wildcard models it may call by any name are listed apart (GET /v1/models lists concrete models only).
 */
export function playgroundHandlers(deps: ControlPlaneDeps) {
  return {
    "playground.issueKey": async (ctx: PlaygroundCtx) => {
      const { tenantId, workspaceId } = ctx.params;
      // A caller with a tenant-wide role passes the route's check for any id: another tenant's looks missing.
      found(await deps.store.forTenant(tenantId).workspaces.get(workspaceId));
      const principal = ctx.principal;
      if (principal?.kind !== "user") {
        // A key minting keys would outlive its own revocation; only a person signed in gets one.
        throw new GatewayError("permission_denied", "Playground keys are issued to a signed-in user only.");
      }
      const earlier = await playgroundKeysOf(deps, tenantId, workspaceId, principal.userId);
      for (const key of earlier) await deps.store.apiKeys.revoke(tenantId, key.id);
      const { apiKey, secret } = await issueApiKey(deps.store, {
        tenantId,
        workspaceId,
        userId: principal.userId,
        name: "Playground (console)",
        expiresAt: deps.now() + C.PLAYGROUND_KEY_TTL_SECONDS * 1000,
        metadata: { ...C.PLAYGROUND_KEY_PURPOSE },
      });
      const view = keyView(apiKey, deps.now());
      await audit(deps, ctx, tenantId, "playground.issueKey", { kind: "api_key", id: apiKey.id }, null, view);
      // Instances that cached the new hash as unknown, or the revoked ones as valid, forget them now.
      await deps.invalidate();
      return { key: view, secret };
    },
    "playground.wildcards": async (ctx: PlaygroundCtx) => {
      const { tenantId, workspaceId } = ctx.params;
      const workspace = found(await deps.store.forTenant(tenantId).workspaces.get(workspaceId));
      const allowedModels = workspace.allowedModels;
      const wildcards = deps
        .wildcardModels(tenantId)
        .filter((w) => C.allowListMayAdmit(allowedModels, w))
        .slice(0, C.PLAYGROUND_WILDCARDS_MAX);
      return { wildcards, allowedModels };
    },
  };
}

/** The user's live playground keys in the workspace (few: each issue revokes the earlier ones). */
async function playgroundKeysOf(
  deps: ControlPlaneDeps,
  tenantId: string,
  workspaceId: string,
  userId: string,
): Promise<ApiKey[]> {
  const page = await deps.store
    .forTenant(tenantId)
    .apiKeys.list({ limit: 100, order: "desc" }, { workspaceId, userId, status: "active" });
  return page.items.filter((k) => k.metadata[PURPOSE[0]] === PURPOSE[1]);
}
