import { FINISHED_ANSWER } from "../chat/chat-answer-row.js";
import type { ChatConversation, ChatOwner, ChatRole } from "../chat/chat-types.js";
import type { ChatConversationsTable, ChatMessagesTable } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";

/** One message of an imported tree: `key` and `parentKey` are the source's ids (parents come first). */
export interface ImportedMessage {
  key: string;
  parentKey: string | null;
  role: ChatRole;
  text: string;
  model: string | null;
  createdAt: number;
}

/** One conversation to import, already parsed and checked (apps/server/src/control-plane/chat-import/). */
export interface ImportedConversation {
  title: string;
  model: string;
  createdAt: number;
  /** Every message of the tree, each parent before its children. */
  messages: ImportedMessage[];
  /** The key of the message shown (the source's current node); the last message when null. */
  activeKey: string | null;
}

export interface TenantChatImportRepo {
  /** Stores every conversation in ONE transaction (all or nothing) as the owner's; answers them in order. */
  importAll(owner: ChatOwner, conversations: readonly ImportedConversation[]): Promise<ChatConversation[]>;
}

/** Rows per INSERT: 13 columns × 200 stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 200;

/**
 * Imports parsed conversations: new ids for every conversation and message (the source's ids only link
 * parents to children), the tree kept as it was (every branch), the source's active message shown.
 *
 * @example
 * await store.forTenant(t).chatImport.importAll(owner, parseChatImport(json).conversations);
 */
export function createTenantChatImportRepo({ db, now }: RepoContext, tenantId: string): TenantChatImportRepo {
  return {
    importAll(owner, conversations) {
      return inTransaction(db, async (trx) => {
        const created: ChatConversation[] = [];
        for (const c of conversations) {
          const ids = new Map(c.messages.map((m) => [m.key, newId("msg")]));
          const rows: ChatMessagesTable[] = c.messages.map((m) => ({
            id: ids.get(m.key)!,
            conversation_id: "",
            tenant_id: tenantId,
            parent_id: m.parentKey === null ? null : (ids.get(m.parentKey) ?? null),
            role: m.role,
            content_text: m.text,
            content_parts: "[]",
            model: m.model,
            usage_record_id: null,
            input_tokens: 0,
            output_tokens: 0,
            cost_nano: 0,
            created_at: m.createdAt,
            ...FINISHED_ANSWER,
          }));
          const activeKey = c.activeKey ?? c.messages.at(-1)?.key ?? null;
          const lastAt = Math.max(c.createdAt, ...c.messages.map((m) => m.createdAt));
          const conversation: ChatConversationsTable = {
            id: newId("cnv"),
            tenant_id: tenantId,
            workspace_id: owner.workspaceId,
            user_id: owner.userId,
            title: c.title,
            model: c.model,
            preset_id: null,
            pinned: 0,
            archived: 0,
            active_leaf_id: activeKey === null ? null : (ids.get(activeKey) ?? null),
            created_at: c.createdAt,
            // Imported now: it is the newest activity, so it shows at the top of the list.
            updated_at: Math.max(now(), lastAt),
          };
          await trx.insertInto("chat_conversations").values(conversation).execute();
          for (let i = 0; i < rows.length; i += BATCH) {
            const batch = rows.slice(i, i + BATCH).map((r) => ({ ...r, conversation_id: conversation.id }));
            await trx.insertInto("chat_messages").values(batch).execute();
          }
          created.push({
            id: conversation.id,
            tenantId,
            workspaceId: owner.workspaceId,
            userId: owner.userId,
            title: conversation.title,
            model: conversation.model,
            presetId: null,
            pinned: false,
            archived: false,
            activeLeafId: conversation.active_leaf_id,
            createdAt: conversation.created_at,
            updatedAt: conversation.updated_at,
          });
        }
        return created;
      });
    },
  };
}
