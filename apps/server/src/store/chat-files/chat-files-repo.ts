import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { ChatOwner } from "../chat/chat-types.js";
import type { ChatFilesTable, DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { paginate } from "../tenancy/paginate.js";
import type { ChatFile, ChatFileKind, TenantChatFilesRepo } from "./chat-files-types.js";

/** Every column but the bytes and the text: what metadata reads select. */
const META = [
  "id",
  "tenant_id",
  "workspace_id",
  "user_id",
  "name",
  "media_type",
  "kind",
  "size",
  "sha256",
  "created_at",
] as const;
type MetaRow = Pick<ChatFilesTable, (typeof META)[number]> & { text_length: number | string | null };

/**
 * One tenant's chat attachments (see TenantChatFilesRepo). Every read and delete is bound to the owner
 * (tenant, workspace, user), so another user's file is simply not found.
 *
 * @example
 * const files = store.forTenant(tenantId).chatFiles;
 * const r = await files.create(owner, { name: "a.png", mediaType: "image/png", kind: "image", bytes, extractedText: null }, quota);
 */
export function createTenantChatFilesRepo({ db, now }: RepoContext, tenantId: string): TenantChatFilesRepo {
  const owned = (d: Kysely<DB>, owner: ChatOwner) =>
    d
      .selectFrom("chat_files")
      .where("tenant_id", "=", tenantId)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId);
  const meta = (d: Kysely<DB>, owner: ChatOwner) =>
    owned(d, owner).select(META).select(sql<number>`coalesce(length(extracted_text), 0)`.as("text_length"));
  const usedBytes = async (d: Kysely<DB>) => {
    const row = await d
      .selectFrom("chat_files")
      .select(sql<string | number | null>`sum(size)`.as("used"))
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
    return Number(row?.used ?? 0);
  };

  return {
    create: (owner, input, quotaBytes) =>
      inTransaction(db, async (trx) => {
        await lockTenantUploads(trx, tenantId);
        const used = await usedBytes(trx);
        const size = input.bytes.byteLength;
        if (used + size > quotaBytes) return { ok: false as const, usedBytes: used, quotaBytes };
        const row: ChatFilesTable = {
          id: newId("fil"),
          tenant_id: tenantId,
          workspace_id: owner.workspaceId,
          user_id: owner.userId,
          name: input.name,
          media_type: input.mediaType,
          kind: input.kind,
          size,
          sha256: createHash("sha256").update(input.bytes).digest("hex"),
          bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
          extracted_text: input.extractedText,
          created_at: now(),
        };
        await trx.insertInto("chat_files").values(row).execute();
        return { ok: true as const, file: toFile({ ...row, text_length: input.extractedText?.length ?? 0 }) };
      }),

    async get(owner, id) {
      const row = await meta(db, owner).where("id", "=", id).executeTakeFirst();
      return row && toFile(row);
    },

    async content(owner, id) {
      const row = await meta(db, owner).select("bytes").where("id", "=", id).executeTakeFirst();
      return row && { file: toFile(row), bytes: Buffer.from(row.bytes) };
    },

    async text(owner, id) {
      const row = await meta(db, owner).select("extracted_text").where("id", "=", id).executeTakeFirst();
      return row && { file: toFile(row), text: row.extracted_text ?? "" };
    },

    list: (owner, page) =>
      paginate(
        meta(db, owner),
        { ...page, order: page.order ?? "desc" },
        { at: "created_at", id: "id" },
        toFile,
        (r) => [Number(r.created_at), r.id],
      ),

    async remove(owner, id) {
      const result = await db
        .deleteFrom("chat_files")
        .where("tenant_id", "=", tenantId)
        .where("workspace_id", "=", owner.workspaceId)
        .where("user_id", "=", owner.userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    usedBytes: () => usedBytes(db),
  };
}

/**
 * Takes the tenant's upload lock: an upsert that writes the tenant's row, so on PostgreSQL a second
 * transaction blocks on it until the first commits (and then sums the files that one added); SQLite
 * allows one writer at a time anyway.
 */
async function lockTenantUploads(trx: Kysely<DB>, tenantId: string): Promise<void> {
  await trx
    .insertInto("chat_file_quota_locks")
    .values({ tenant_id: tenantId, uploads: 1 })
    .onConflict((oc) =>
      oc.column("tenant_id").doUpdateSet({ uploads: sql`chat_file_quota_locks.uploads + 1` }),
    )
    .execute();
}

function toFile(row: MetaRow): ChatFile {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    name: row.name,
    mediaType: row.media_type,
    kind: row.kind as ChatFileKind,
    size: Number(row.size),
    sha256: row.sha256,
    textLength: Number(row.text_length ?? 0),
    createdAt: Number(row.created_at),
  };
}
