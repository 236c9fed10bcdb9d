import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { hashApiKey } from "../../auth/api-key-format.js";
import type { ContractStreamReply } from "../contract-router/contract-answer.js";
import { conversationView } from "./chat-handlers.js";
import { chatOwnerOf } from "./chat-owner.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

type ConvCtx = CallContext & { params: { tenantId: string; workspaceId: string; conversationId: string } };
type AnswerCtx = ConvCtx & { params: { messageId: string } };

/**
 * Answers the server runs (docs/chat.md, "Resumable answers"): start one through the data plane as the
 * caller, follow it (server-sent events that survive a reload), stop it. Only the owner of the
 * conversation sees its answers (404 for anyone else, as for the conversation).
 */
export function chatAnswerHandlers(deps: ControlPlaneDeps) {
  const runs = deps.chatAnswers;
  return {
    "conversations.startAnswer": async (ctx: ConvCtx & { body: ParsedBody<typeof C.startChatAnswer> }) => {
      const owner = await chatOwnerOf(deps, ctx);
      // Another user's conversation reads as missing before anything is said about the key.
      found(await deps.store.forTenant(ctx.params.tenantId).chat.get(owner, ctx.params.conversationId));
      await checkKeyIsCallers(deps, ctx.params.tenantId, owner, ctx.body.key);
      const { conversation, message } = await runs.start({
        tenantId: ctx.params.tenantId,
        owner,
        conversationId: ctx.params.conversationId,
        parentId: ctx.body.parentId,
        model: ctx.body.model,
        key: ctx.body.key,
        body: ctx.body.body,
      });
      const { conversationId: _c, ...view } = message;
      return { conversation: conversationView(conversation), message: view };
    },
    "conversations.answerEvents": async (ctx: AnswerCtx): Promise<ContractStreamReply> => {
      const owner = await chatOwnerOf(deps, ctx);
      const { tenantId, conversationId, messageId } = ctx.params;
      const stream = await runs.events(tenantId, owner, conversationId, messageId);
      return { contentType: "text/event-stream; charset=utf-8", stream };
    },
    "conversations.stopAnswer": async (ctx: AnswerCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      const { tenantId, conversationId, messageId } = ctx.params;
      const answer = await runs.stop(tenantId, owner, conversationId, messageId);
      const { conversationId: _c, stopRequested: _s, flushedAt: _f, ...message } = answer;
      return { message };
    },
  };
}

/**
 * The key must be the caller's own, in this workspace: an answer stored in their conversation is their
 * traffic. (Whether it is still valid, allowed the model, within budget is the data plane's to say.)
 * Compared by hash, as keys are stored; an unknown key is left to the data plane's 401, which the
 * console answers by renewing its playground key.
 */
async function checkKeyIsCallers(
  deps: ControlPlaneDeps,
  tenantId: string,
  owner: { workspaceId: string; userId: string },
  key: string,
): Promise<void> {
  const found = await deps.store.apiKeys.findByHash(hashApiKey(key));
  if (found === undefined) return;
  if (
    found.tenantId !== tenantId ||
    found.workspaceId !== owner.workspaceId ||
    found.userId !== owner.userId
  ) {
    throw new GatewayError("permission_denied", "Answers are sent with your own key in this workspace.");
  }
}
