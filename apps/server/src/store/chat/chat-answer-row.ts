import type { ChatMessagesTable } from "../database.js";
import type { ChatMessage, ChatMessageStatus, ChatRole } from "./chat-types.js";

/** The run columns of a message stored whole (a question, an imported or appended answer). */
export const FINISHED_ANSWER = {
  status: "done",
  error: null,
  stop_requested: 0,
  flushed_at: null,
} as const satisfies Partial<ChatMessagesTable>;

const STATUSES: ReadonlySet<string> = new Set(["done", "streaming", "stopped", "failed"]);

/**
 * A `chat_messages` row → the message (counts as numbers: PostgreSQL's bigint arrives as text).
 *
 * @example
 * toMessage(row).status; // "streaming"
 */
export function toMessage(row: ChatMessagesTable): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role as ChatRole,
    text: row.content_text,
    parts: JSON.parse(row.content_parts) as unknown[],
    model: row.model,
    usageRecordId: row.usage_record_id,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costNano: Number(row.cost_nano),
    createdAt: Number(row.created_at),
    status: (STATUSES.has(row.status) ? row.status : "done") as ChatMessageStatus,
    error: row.error,
  };
}
