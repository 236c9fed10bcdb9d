import { GatewayError } from "@gatehouse/protocol";
import type { ChatOwner } from "../../store/chat/chat-types.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

/** A call to a workspace's chat operations (conversations, presets, shares, import). */
export type ChatWorkspaceCtx = CallContext & { params: { tenantId: string; workspaceId: string } };

/**
 * The signed-in user and workspace a chat operation acts for. The route checked models:use in the
 * workspace; here the workspace must be the tenant's (a tenant-wide role passes the route's check for any
 * id: 404 otherwise) and the caller a user — conversations and presets belong to a person, and a key
 * (even a user's) would let a script read them all (403).
 *
 * @example
 * const owner = await chatOwnerOf(deps, ctx); // { workspaceId, userId }
 */
export async function chatOwnerOf(deps: ControlPlaneDeps, ctx: ChatWorkspaceCtx): Promise<ChatOwner> {
  found(await deps.store.forTenant(ctx.params.tenantId).workspaces.get(ctx.params.workspaceId));
  if (ctx.principal?.kind !== "user") {
    throw new GatewayError("permission_denied", "Conversations are for a signed-in user only.");
  }
  return { workspaceId: ctx.params.workspaceId, userId: ctx.principal.userId };
}
