import type * as C from "@gatehouse/contracts";
import type { ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import { conversationView } from "./chat-handlers.js";
import { parseChatImport } from "./chat-import-parse.js";
import { type ChatWorkspaceCtx, chatOwnerOf } from "./chat-owner.js";
import type { ControlPlaneDeps } from "./control-plane-deps.js";

/**
 * `conversations.import` (docs/chat.md, Import): the file is parsed and checked whole before anything is
 * written, then stored in one transaction, so a bad file stores nothing.
 */
export function chatImportHandlers(deps: ControlPlaneDeps) {
  return {
    "conversations.import": async (
      ctx: ChatWorkspaceCtx & {
        query: ParsedQuery<typeof C.importConversations>;
        body: ParsedBody<typeof C.importConversations>;
      },
    ) => {
      const owner = await chatOwnerOf(deps, ctx);
      const { format, conversations } = parseChatImport(ctx.body, ctx.query.format, deps.now());
      const created = await deps.store
        .forTenant(ctx.params.tenantId)
        .chatImport.importAll(owner, conversations);
      return {
        format,
        conversations: created.map(conversationView),
        messageCount: conversations.reduce((n, c) => n + c.messages.length, 0),
      };
    },
  };
}
