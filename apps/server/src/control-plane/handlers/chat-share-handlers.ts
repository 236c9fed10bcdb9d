import { createHash, randomBytes } from "node:crypto";
import type * as C from "@gatehouse/contracts";
import type { ParsedQuery } from "@gatehouse/contracts";
import { type ChatWorkspaceCtx, chatOwnerOf } from "./chat-owner.js";
import { createShareViewLimiter } from "./chat-share-view-limiter.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

type ConvCtx = ChatWorkspaceCtx & { params: { conversationId: string } };

/** 24 random bytes: 192 bits, 32 base64url characters. */
const TOKEN_BYTES = 24;

/** The stored form of a share token: its SHA-256, hex (the token itself is never stored). */
export function shareTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Read-only share links (docs/chat.md, Share links): made, listed and revoked by the conversation's
 * owner; read by anyone holding the token through `shared.get`, which answers the snapshot only.
 */
export function chatShareHandlers(deps: ControlPlaneDeps) {
  const repo = (ctx: ChatWorkspaceCtx) => deps.store.forTenant(ctx.params.tenantId).chatShares;
  const views = createShareViewLimiter(deps.now);

  return {
    "conversations.share": async (ctx: ConvCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      const token = randomBytes(TOKEN_BYTES).toString("base64url");
      const share = found(await repo(ctx).create(owner, ctx.params.conversationId, shareTokenHash(token)));
      const base = deps.identity.publicUrl.replace(/\/+$/, "");
      return { ...share, token, url: `${base}/share/${token}` };
    },
    "conversations.listShares": async (ctx: ConvCtx & { query: ParsedQuery<typeof C.listShares> }) => {
      const owner = await chatOwnerOf(deps, ctx);
      const { limit, cursor, order } = ctx.query;
      return found(
        await repo(ctx).list(owner, ctx.params.conversationId, {
          limit,
          order,
          ...(cursor !== undefined && { cursor }),
        }),
      );
    },
    "conversations.revokeShare": async (ctx: ConvCtx & { params: { shareId: string } }) => {
      const owner = await chatOwnerOf(deps, ctx);
      return found(await repo(ctx).revoke(owner, ctx.params.conversationId, ctx.params.shareId));
    },
    // Public: one indexed read by the token's hash; an unknown, revoked or malformed token is a 404.
    "shared.get": async (ctx: CallContext & { params: { token: string } }) => {
      views.hit(ctx.request.ip);
      return found(await deps.store.chatShares.byTokenHash(shareTokenHash(ctx.params.token)));
    },
  };
}
