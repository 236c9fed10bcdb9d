import { type Kysely, type Migration, PostgresAdapter } from "kysely";

/**
 * Chat attachments (issue 13 part 3, docs/chat.md): `chat_files` holds each uploaded file's bytes in the
 * database (BLOB / bytea), so every instance of a multi-instance installation serves them, with the
 * media type sniffed from the bytes, its SHA-256 and, for documents, the text extracted on upload.
 * `chat_file_quota_locks` holds one row per tenant that an upload updates first: the row lock serialises
 * a tenant's concurrent uploads, so the quota check (a sum over the tenant's files) and the insert
 * cannot interleave and overshoot (SQLite serialises writers anyway). The list reads a user's files in
 * a workspace newest first, hence the index.
 */
export const chatFilesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable("chat_files")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("media_type", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("size", "bigint", (c) => c.notNull())
      .addColumn("sha256", "text", (c) => c.notNull())
      .addColumn("bytes", postgres ? "bytea" : "blob", (c) => c.notNull())
      .addColumn("extracted_text", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("chat_files_list_idx")
      .on("chat_files")
      .columns(["tenant_id", "workspace_id", "user_id", "created_at desc", "id desc"])
      .execute();
    await db.schema
      .createTable("chat_file_quota_locks")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("uploads", "bigint", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("chat_file_quota_locks").execute();
    await db.schema.dropTable("chat_files").execute();
  },
};
