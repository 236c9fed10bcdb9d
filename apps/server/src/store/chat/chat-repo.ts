import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import type { ChatConversationsTable, ChatMessagesTable, DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { paginate } from "../tenancy/paginate.js";
import { FINISHED_ANSWER, toMessage } from "./chat-answer-row.js";
import { searchCondition, searchWords } from "./chat-search.js";
import { branchPath, childrenByParent, deepestLeaf, type TreeNode } from "./chat-tree.js";
import type { ChatConversation, ChatMessage, ChatOwner, TenantChatRepo } from "./chat-types.js";

/** The stored columns of a conversation (not PostgreSQL's generated `search`). */
const CONVERSATION_COLUMNS = [
  "chat_conversations.id",
  "chat_conversations.tenant_id",
  "chat_conversations.workspace_id",
  "chat_conversations.user_id",
  "chat_conversations.title",
  "chat_conversations.model",
  "chat_conversations.preset_id",
  "chat_conversations.pinned",
  "chat_conversations.archived",
  "chat_conversations.active_leaf_id",
  "chat_conversations.created_at",
  "chat_conversations.updated_at",
] as const;

const MESSAGE_COLUMNS = [
  "id",
  "conversation_id",
  "tenant_id",
  "parent_id",
  "role",
  "content_text",
  "content_parts",
  "model",
  "usage_record_id",
  "input_tokens",
  "output_tokens",
  "cost_nano",
  "created_at",
  "status",
  "error",
  "stop_requested",
  "flushed_at",
] as const;

/**
 * One tenant's chat conversations (see TenantChatRepo): every query is bound to the tenant, the user and
 * the workspace, so another user's conversation reads as missing.
 *
 * @example
 * const repo = store.forTenant(tenantId).chat;
 * const c = await repo.create({ workspaceId, userId }, { title: "Trip", model: "openai/gpt-4o" });
 */
export function createTenantChatRepo({ db, now }: RepoContext, tenantId: string): TenantChatRepo {
  const owned = (d: Kysely<DB>, owner: ChatOwner) =>
    d
      .selectFrom("chat_conversations")
      .select(CONVERSATION_COLUMNS)
      .where("chat_conversations.tenant_id", "=", tenantId)
      .where("chat_conversations.user_id", "=", owner.userId)
      .where("chat_conversations.workspace_id", "=", owner.workspaceId);
  const getOwned = async (d: Kysely<DB>, owner: ChatOwner, id: string) => {
    const row = await owned(d, owner).where("chat_conversations.id", "=", id).executeTakeFirst();
    return row && toConversation(row);
  };
  const nodesOf = async (d: Kysely<DB>, conversationId: string): Promise<TreeNode[]> => {
    const rows = await d
      .selectFrom("chat_messages")
      .select(["id", "parent_id", "created_at"])
      .where("tenant_id", "=", tenantId)
      .where("conversation_id", "=", conversationId)
      .execute();
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, createdAt: Number(r.created_at) }));
  };
  const messagesByIds = async (conversationId: string, ids: string[]) => {
    if (ids.length === 0) return new Map<string, ChatMessage>();
    const rows = await db
      .selectFrom("chat_messages")
      .select(MESSAGE_COLUMNS)
      .where("tenant_id", "=", tenantId)
      .where("conversation_id", "=", conversationId)
      .where("id", "in", ids)
      .execute();
    return new Map(rows.map((r) => [r.id, toMessage(r)]));
  };

  return {
    async list(owner, filter, page) {
      let q = owned(db, owner);
      if (filter.archived !== undefined)
        q = q.where("chat_conversations.archived", "=", filter.archived ? 1 : 0);
      if (filter.pinned !== undefined) q = q.where("chat_conversations.pinned", "=", filter.pinned ? 1 : 0);
      if (filter.q !== undefined && filter.q.trim() !== "") {
        const words = searchWords(filter.q);
        // Punctuation only: nothing can match, and an empty FTS query is an error.
        if (words.length === 0) return { items: [], nextCursor: null };
        q = q.where(searchCondition(db, words));
      }
      return paginate(
        q,
        { ...page, order: page.order ?? "desc" },
        { at: "chat_conversations.updated_at", id: "chat_conversations.id" },
        toConversation,
        (r) => [Number(r.updated_at), r.id],
      );
    },

    async create(owner, input) {
      const at = now();
      const row: ChatConversationsTable = {
        id: newId("cnv"),
        tenant_id: tenantId,
        workspace_id: owner.workspaceId,
        user_id: owner.userId,
        title: input.title,
        model: input.model,
        preset_id: input.presetId ?? null,
        pinned: 0,
        archived: 0,
        active_leaf_id: null,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto("chat_conversations").values(row).execute();
      return toConversation(row);
    },

    get: (owner, id) => getOwned(db, owner, id),

    async branch(owner, id) {
      const conversation = await getOwned(db, owner, id);
      if (!conversation) return undefined;
      const nodes = await nodesOf(db, id);
      const path = branchPath(nodes, conversation.activeLeafId);
      const children = childrenByParent(nodes);
      const byId = await messagesByIds(id, path);
      return path.flatMap((mid) => {
        const m = byId.get(mid);
        if (!m) return [];
        return [{ ...m, siblingIds: (children.get(m.parentId) ?? []).map((n) => n.id) }];
      });
    },

    async messages(owner, id) {
      if (!(await getOwned(db, owner, id))) return undefined;
      const rows = await db
        .selectFrom("chat_messages")
        .select(MESSAGE_COLUMNS)
        .where("tenant_id", "=", tenantId)
        .where("conversation_id", "=", id)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toMessage);
    },

    async update(owner, id, patch) {
      return inTransaction(db, async (trx) => {
        const current = await getOwned(trx, owner, id);
        if (!current) return undefined;
        const set: Partial<ChatConversationsTable> = {};
        if (patch.title !== undefined) set.title = patch.title;
        if (patch.model !== undefined) set.model = patch.model;
        if (patch.presetId !== undefined) set.preset_id = patch.presetId;
        if (patch.pinned !== undefined) set.pinned = patch.pinned ? 1 : 0;
        if (patch.archived !== undefined) set.archived = patch.archived ? 1 : 0;
        if (patch.activeLeafId !== undefined) {
          const leaf = deepestLeaf(await nodesOf(trx, id), patch.activeLeafId);
          if (leaf === undefined) {
            throw new GatewayError(
              "not_found",
              `The message '${patch.activeLeafId}' is not in this conversation.`,
            );
          }
          set.active_leaf_id = leaf;
        }
        if (Object.keys(set).length === 0) return current;
        await trx.updateTable("chat_conversations").set(set).where("id", "=", id).execute();
        return getOwned(trx, owner, id);
      });
    },

    async remove(owner, id) {
      const result = await db
        .deleteFrom("chat_conversations")
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", owner.userId)
        .where("workspace_id", "=", owner.workspaceId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async append(owner, conversationId, input) {
      return inTransaction(db, async (trx) => {
        const conversation = await getOwned(trx, owner, conversationId);
        if (!conversation) return undefined;
        if (input.parentId !== null) {
          const parent = await trx
            .selectFrom("chat_messages")
            .select("id")
            .where("tenant_id", "=", tenantId)
            .where("conversation_id", "=", conversationId)
            .where("id", "=", input.parentId)
            .executeTakeFirst();
          if (!parent) {
            throw new GatewayError(
              "not_found",
              `The message '${input.parentId}' is not in this conversation.`,
            );
          }
        }
        const at = now();
        const row: ChatMessagesTable = {
          id: newId("msg"),
          conversation_id: conversationId,
          tenant_id: tenantId,
          parent_id: input.parentId,
          role: input.role,
          content_text: input.text,
          content_parts: JSON.stringify(input.parts ?? []),
          model: input.model ?? null,
          usage_record_id: input.usageRecordId ?? null,
          input_tokens: input.inputTokens ?? 0,
          output_tokens: input.outputTokens ?? 0,
          cost_nano: input.costNano ?? 0,
          created_at: at,
          ...FINISHED_ANSWER,
          ...(input.status === "streaming" && { status: "streaming", flushed_at: at }),
        };
        await trx.insertInto("chat_messages").values(row).execute();
        await trx
          .updateTable("chat_conversations")
          .set({ active_leaf_id: row.id, updated_at: at })
          .where("id", "=", conversationId)
          .execute();
        return {
          conversation: { ...conversation, activeLeafId: row.id, updatedAt: at },
          message: toMessage(row),
        };
      });
    },
  };
}

function toConversation(row: ChatConversationsTable): ChatConversation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    title: row.title,
    model: row.model,
    presetId: row.preset_id,
    pinned: Number(row.pinned) === 1,
    archived: Number(row.archived) === 1,
    activeLeafId: row.active_leaf_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
