import type * as C from "@gatehouse/contracts";
import type { ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import { CHAT_MESSAGE_MAX_BYTES } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ChatConversation, ChatOwner } from "../../store/chat/chat-types.js";
import { exportConversation } from "./chat-export.js";
import { resolveFileParts } from "./chat-file-parts.js";
import { chatOwnerOf } from "./chat-owner.js";
import { toolResultParts } from "./chat-tool-result-parts.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

type WsCtx = CallContext & { params: { tenantId: string; workspaceId: string } };
type ConvCtx = WsCtx & { params: { conversationId: string } };

/**
 * Chat conversations (docs/chat.md): the route checks models:use in the workspace; here the workspace must
 * be the tenant's (a tenant-wide role passes the route's check for any id) and the caller a signed-in
 * user, whose own conversations are the only ones visible — another user's read as missing (404).
 */
export function chatHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const repo = (ctx: WsCtx) => store.forTenant(ctx.params.tenantId).chat;
  const ownerOf = (ctx: WsCtx) => chatOwnerOf(deps, ctx);
  /** A preset named on a conversation must be one the caller may read (their own or shared): else 404. */
  const checkPreset = async (ctx: WsCtx, owner: ChatOwner, presetId: string | null | undefined) => {
    if (presetId === null || presetId === undefined) return;
    found(await store.forTenant(ctx.params.tenantId).chatPresets.get(owner, presetId));
  };
  const bool = (v: "true" | "false" | undefined) => (v === undefined ? undefined : v === "true");

  return {
    "conversations.list": async (ctx: WsCtx & { query: ParsedQuery<typeof C.listConversations> }) => {
      const { limit, cursor, order, archived, pinned, q } = ctx.query;
      const filter = {
        ...(archived !== undefined && { archived: bool(archived)! }),
        ...(pinned !== undefined && { pinned: bool(pinned)! }),
        ...(q !== undefined && { q }),
      };
      const page = await repo(ctx).list(await ownerOf(ctx), filter, {
        limit,
        order,
        ...(cursor !== undefined && { cursor }),
      });
      return { items: page.items.map(conversationView), nextCursor: page.nextCursor };
    },
    "conversations.create": async (ctx: WsCtx & { body: ParsedBody<typeof C.createConversation> }) => {
      const { title, model, presetId } = ctx.body;
      const owner = await ownerOf(ctx);
      await checkPreset(ctx, owner, presetId);
      const created = await repo(ctx).create(owner, {
        title,
        model,
        presetId: presetId ?? null,
      });
      return conversationView(created);
    },
    "conversations.get": async (ctx: ConvCtx) => {
      const owner = await ownerOf(ctx);
      const conversation = found(await repo(ctx).get(owner, ctx.params.conversationId));
      const messages = found(await repo(ctx).branch(owner, conversation.id));
      return { conversation: conversationView(conversation), messages: messages.map(messageView) };
    },
    "conversations.update": async (ctx: ConvCtx & { body: ParsedBody<typeof C.updateConversation> }) => {
      const b = ctx.body;
      const patch = {
        ...(b.title !== undefined && { title: b.title }),
        ...(b.model !== undefined && { model: b.model }),
        ...(b.presetId !== undefined && { presetId: b.presetId }),
        ...(b.pinned !== undefined && { pinned: b.pinned }),
        ...(b.archived !== undefined && { archived: b.archived }),
        ...(b.activeLeafId !== undefined && { activeLeafId: b.activeLeafId }),
      };
      const owner = await ownerOf(ctx);
      await checkPreset(ctx, owner, b.presetId);
      const updated = await repo(ctx).update(owner, ctx.params.conversationId, patch);
      return conversationView(found(updated));
    },
    "conversations.delete": async (ctx: ConvCtx) => {
      found((await repo(ctx).remove(await ownerOf(ctx), ctx.params.conversationId)) ? true : undefined);
      return null;
    },
    "conversations.appendMessage": async (
      ctx: ConvCtx & { body: ParsedBody<typeof C.appendChatMessage> },
    ) => {
      const owner = await ownerOf(ctx);
      const b = ctx.body;
      if (Buffer.byteLength(b.text, "utf8") > CHAT_MESSAGE_MAX_BYTES) {
        throw new GatewayError("invalid_request", "The message text is larger than 1 MiB.");
      }
      const files = (b.parts ?? []).filter((p) => p.type === "file");
      const results = (b.parts ?? []).filter((p) => p.type === "tool_result");
      // A tool result answers a call of its parent: a message of the owner's conversation, else 404.
      const answers = store.forTenant(ctx.params.tenantId).chatAnswers;
      const parent =
        b.role === "tool" && b.parentId !== null
          ? found(await answers.get(owner, ctx.params.conversationId, b.parentId))
          : undefined;
      const parts = [
        ...(await resolveFileParts(deps, ctx.params.tenantId, owner, b.role, files)),
        ...(await toolResultParts(b.role, results, parent, (id) =>
          answers.get(owner, ctx.params.conversationId, id),
        )),
      ];
      const metered = await meteredNumbers(deps, ctx.params.tenantId, owner, b.usageRecordId ?? null);
      const result = await repo(ctx).append(owner, ctx.params.conversationId, {
        parentId: b.parentId,
        role: b.role,
        text: b.text,
        parts,
        model: b.model ?? null,
        usageRecordId: b.usageRecordId ?? null,
        inputTokens: metered?.inputTokens ?? b.inputTokens ?? 0,
        outputTokens: metered?.outputTokens ?? b.outputTokens ?? 0,
        costNano: metered?.costNano ?? b.costNano ?? 0,
      });
      const { conversation, message } = found(result);
      return { conversation: conversationView(conversation), message: messageView(message) };
    },
    "conversations.export": async (ctx: ConvCtx & { query: ParsedQuery<typeof C.exportConversation> }) => {
      const owner = await ownerOf(ctx);
      const conversation = found(await repo(ctx).get(owner, ctx.params.conversationId));
      const branch = found(await repo(ctx).branch(owner, conversation.id));
      const all = found(await repo(ctx).messages(owner, conversation.id));
      return exportConversation(
        conversationView(conversation),
        branch.map(messageView),
        all.map(messageView),
        ctx.query.format,
      );
    },
  };
}

/**
 * The tokens and cost of the usage record an assistant message came from, when it is stored already and
 * is the caller's own in this workspace (the meter, not the client, is the truth); undefined otherwise —
 * records are written in batches, so one a second old may not be there yet.
 */
async function meteredNumbers(deps: ControlPlaneDeps, tenantId: string, owner: ChatOwner, id: string | null) {
  if (id === null) return undefined;
  const record = await deps.store.usage.get(tenantId, id);
  if (!record || record.workspaceId !== owner.workspaceId || record.userId !== owner.userId) return undefined;
  if (record.status === "pending") return undefined;
  return { inputTokens: record.inputTokens, outputTokens: record.outputTokens, costNano: record.costNano };
}

/** The API's view of a conversation: tenant and user are implied by the path and the caller. */
export function conversationView(c: ChatConversation) {
  const { tenantId: _t, userId: _u, ...view } = c;
  return view;
}

function messageView<M extends { conversationId: string }>(m: M): Omit<M, "conversationId"> {
  const { conversationId: _c, ...view } = m;
  return view;
}
