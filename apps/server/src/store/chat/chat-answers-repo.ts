import type { Kysely } from "kysely";
import type { DB } from "../database.js";
import type { RepoContext } from "../repo-context.js";
import { toMessage } from "./chat-answer-row.js";
import type { ChatMessage, ChatMessageStatus, ChatOwner } from "./chat-types.js";

/** An answer as its run and its readers see it: the message, plus the run's bookkeeping. */
export interface ChatAnswer extends ChatMessage {
  /** Someone asked the run to stop (on any instance). */
  stopRequested: boolean;
  /** When the text was last written; null for a message that never streamed. */
  flushedAt: number | null;
}

/** What a run writes at a flush (the text so far) and at its end (status, error, numbers). */
export interface ChatAnswerFlush {
  text: string;
  /** The answer's structured parts (its tool calls); unset leaves them as they are. */
  parts?: unknown[];
  /** Leave unset while streaming; the final flush sets done, stopped or failed. */
  status?: Exclude<ChatMessageStatus, "streaming">;
  error?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  costNano?: number;
}

/**
 * Answers the server runs (docs/chat.md, "Resumable answers"): reads bound to the owner of the
 * conversation, and the run's own writes, which only ever touch a row still `streaming` — so a run
 * cannot overwrite an answer that ended (stopped, or found stale and failed) or a deleted one.
 */
export interface TenantChatAnswersRepo {
  /** The answer with its run state; undefined when the conversation is not the owner's or lacks it. */
  get(owner: ChatOwner, conversationId: string, messageId: string): Promise<ChatAnswer | undefined>;
  /**
   * Writes the text (and, at the end, status and numbers) of a streaming answer. Undefined when the row
   * is gone or no longer streaming (the run should end); else whether a stop was requested.
   */
  flush(messageId: string, patch: ChatAnswerFlush): Promise<{ stopRequested: boolean } | undefined>;
  /**
   * Records the metered numbers of an answer that ended (its usage record settled after the run's last
   * write: the meter, not the stream, is the truth); false when the answer is missing or still streaming.
   */
  settle(
    messageId: string,
    numbers: { inputTokens: number; outputTokens: number; costNano: number },
  ): Promise<boolean>;
  /** Asks the run of a streaming answer to stop; false when the answer is not streaming (or not there). */
  requestStop(owner: ChatOwner, conversationId: string, messageId: string): Promise<boolean>;
  /**
   * Ends a streaming answer as `failed` with `error` when its last flush is older than `flushedBefore`
   * (its instance died); true when it did.
   */
  failStale(
    owner: ChatOwner,
    conversationId: string,
    messageId: string,
    flushedBefore: number,
    error: string,
  ): Promise<boolean>;
}

/**
 * One tenant's answer runs (see TenantChatAnswersRepo).
 *
 * @example
 * const answers = store.forTenant(tenantId).chatAnswers;
 * await answers.flush(messageId, { text: "Lisbon is" }); // { stopRequested: false }
 */
export function createTenantChatAnswersRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantChatAnswersRepo {
  /** The message id when it is in a conversation of the owner's. */
  const ownedMessage = (d: Kysely<DB>, owner: ChatOwner, conversationId: string, messageId: string) =>
    d
      .selectFrom("chat_messages")
      .innerJoin("chat_conversations", "chat_conversations.id", "chat_messages.conversation_id")
      .where("chat_messages.tenant_id", "=", tenantId)
      .where("chat_messages.id", "=", messageId)
      .where("chat_conversations.id", "=", conversationId)
      .where("chat_conversations.tenant_id", "=", tenantId)
      .where("chat_conversations.user_id", "=", owner.userId)
      .where("chat_conversations.workspace_id", "=", owner.workspaceId);

  return {
    async get(owner, conversationId, messageId) {
      const row = await ownedMessage(db, owner, conversationId, messageId)
        .selectAll("chat_messages")
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        ...toMessage(row),
        stopRequested: Number(row.stop_requested) === 1,
        flushedAt: row.flushed_at === null ? null : Number(row.flushed_at),
      };
    },

    async flush(messageId, patch) {
      const row = await db
        .updateTable("chat_messages")
        .set({
          content_text: patch.text,
          flushed_at: now(),
          ...(patch.parts !== undefined && { content_parts: JSON.stringify(patch.parts) }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.error !== undefined && { error: patch.error }),
          ...(patch.inputTokens !== undefined && { input_tokens: patch.inputTokens }),
          ...(patch.outputTokens !== undefined && { output_tokens: patch.outputTokens }),
          ...(patch.costNano !== undefined && { cost_nano: patch.costNano }),
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", messageId)
        .where("status", "=", "streaming")
        .returning("stop_requested")
        .executeTakeFirst();
      return row && { stopRequested: Number(row.stop_requested) === 1 };
    },

    async settle(messageId, numbers) {
      const result = await db
        .updateTable("chat_messages")
        .set({
          input_tokens: numbers.inputTokens,
          output_tokens: numbers.outputTokens,
          cost_nano: numbers.costNano,
        })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", messageId)
        .where("status", "!=", "streaming")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async requestStop(owner, conversationId, messageId) {
      const mine = ownedMessage(db, owner, conversationId, messageId).select("chat_messages.id");
      const result = await db
        .updateTable("chat_messages")
        .set({ stop_requested: 1 })
        .where("tenant_id", "=", tenantId)
        .where("id", "in", mine)
        .where("status", "=", "streaming")
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async failStale(owner, conversationId, messageId, flushedBefore, error) {
      const mine = ownedMessage(db, owner, conversationId, messageId).select("chat_messages.id");
      const result = await db
        .updateTable("chat_messages")
        .set({ status: "failed", error })
        .where("tenant_id", "=", tenantId)
        .where("id", "in", mine)
        .where("status", "=", "streaming")
        .where("flushed_at", "<", flushedBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
