import { createTenantChatRepo } from "../chat/chat-repo.js";
import type { ChatSharesTable } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { paginate } from "../tenancy/paginate.js";
import { attachedFileNames } from "./attached-file-names.js";
import type {
  ChatShare,
  ChatSharesLookup,
  SharedMessage,
  TenantChatSharesRepo,
} from "./chat-library-types.js";
import { toolCallsOf } from "./tool-calls-of.js";

/**
 * One tenant's share links (see TenantChatSharesRepo). A link stores the SHA-256 of its token (never the
 * token) and a snapshot of the conversation's active branch when it was made: the public page shows that
 * snapshot, so messages added, or branches switched, later are never exposed through an old link.
 *
 * @example
 * const share = await store.forTenant(t).chatShares.create(owner, conversationId, sha256(token));
 */
export function createTenantChatSharesRepo(ctx: RepoContext, tenantId: string): TenantChatSharesRepo {
  const { db, now } = ctx;
  const ownsConversation = async (owner: { workspaceId: string; userId: string }, id: string) =>
    (await createTenantChatRepo(ctx, tenantId).get(owner, id)) !== undefined;
  const sharesOf = (conversationId: string) =>
    db
      .selectFrom("chat_shares")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("conversation_id", "=", conversationId);

  return {
    async create(owner, conversationId, tokenHash) {
      return inTransaction(db, async (trx) => {
        const branch = await createTenantChatRepo({ db: trx, now }, tenantId).branch(owner, conversationId);
        const conversation = await createTenantChatRepo({ db: trx, now }, tenantId).get(
          owner,
          conversationId,
        );
        if (branch === undefined || conversation === undefined) return undefined;
        const messages: SharedMessage[] = branch.map((m) => {
          const files = attachedFileNames(m.parts);
          const toolCalls = toolCallsOf(m.parts).map(({ name, arguments: args }) => ({
            name,
            arguments: args,
          }));
          return {
            role: m.role,
            text: m.text,
            model: m.model,
            createdAt: m.createdAt,
            ...(files.length > 0 && { files }),
            ...(toolCalls.length > 0 && { toolCalls }),
          };
        });
        const row: ChatSharesTable = {
          id: newId("shr"),
          tenant_id: tenantId,
          conversation_id: conversationId,
          user_id: owner.userId,
          token_hash: tokenHash,
          title: conversation.title,
          messages: JSON.stringify(messages),
          message_count: messages.length,
          created_at: now(),
          revoked_at: null,
        };
        await trx.insertInto("chat_shares").values(row).execute();
        return toShare(row);
      });
    },

    async list(owner, conversationId, page) {
      if (!(await ownsConversation(owner, conversationId))) return undefined;
      return paginate(
        sharesOf(conversationId).select([
          "id",
          "conversation_id",
          "title",
          "message_count",
          "created_at",
          "revoked_at",
        ]),
        { ...page, order: page.order ?? "desc" },
        { at: "created_at", id: "id" },
        toShare,
        (r) => [Number(r.created_at), r.id],
      );
    },

    async revoke(owner, conversationId, shareId) {
      if (!(await ownsConversation(owner, conversationId))) return undefined;
      const row = await sharesOf(conversationId).where("id", "=", shareId).executeTakeFirst();
      if (!row) return undefined;
      if (row.revoked_at !== null) return toShare(row);
      const revokedAt = now();
      await db
        .updateTable("chat_shares")
        .set({ revoked_at: revokedAt })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", shareId)
        .execute();
      return toShare({ ...row, revoked_at: revokedAt });
    },
  };
}

/**
 * The public route's lookup (installation-wide: the token names the link, whatever its tenant).
 *
 * @example
 * await createChatSharesLookup(ctx).byTokenHash(sha256(token)); // { title, messages, sharedAt } | undefined
 */
export function createChatSharesLookup({ db }: RepoContext): ChatSharesLookup {
  return {
    async byTokenHash(tokenHash) {
      const row = await db
        .selectFrom("chat_shares")
        .select(["title", "messages", "created_at"])
        .where("token_hash", "=", tokenHash)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        title: row.title,
        messages: JSON.parse(row.messages) as SharedMessage[],
        sharedAt: Number(row.created_at),
      };
    },
  };
}

type ShareRow = Pick<
  ChatSharesTable,
  "id" | "conversation_id" | "title" | "message_count" | "created_at" | "revoked_at"
>;

function toShare(row: ShareRow): ChatShare {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    title: row.title,
    messageCount: Number(row.message_count),
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}
