import type { Kysely, Migration } from "kysely";

/**
 * Chat presets and share links (issue 13, docs/chat.md). `chat_presets`: a user's assistant (system
 * prompt, model, parameters as JSON), private or shared with its workspace; the list reads the
 * workspace's presets newest first, hence the index. `chat_shares`: a read-only link to a conversation,
 * found by the SHA-256 of its token (unique index: the public route's only lookup); `title` and
 * `messages` are the snapshot taken when the link was made, so later messages are never exposed.
 * Deleting the conversation deletes its links (cascade), which revokes them.
 */
export const chatPresetsAndSharesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("chat_presets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("system_prompt", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("parameters", "text", (c) => c.notNull())
      .addColumn("shared", "integer", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("chat_presets_list_idx")
      .on("chat_presets")
      .columns(["tenant_id", "workspace_id", "updated_at desc", "id desc"])
      .execute();
    await db.schema
      .createTable("chat_shares")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("conversation_id", "text", (c) =>
        c.notNull().references("chat_conversations.id").onDelete("cascade"),
      )
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("messages", "text", (c) => c.notNull())
      .addColumn("message_count", "integer", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("revoked_at", "bigint")
      .execute();
    await db.schema
      .createIndex("chat_shares_token_idx")
      .on("chat_shares")
      .column("token_hash")
      .unique()
      .execute();
    await db.schema
      .createIndex("chat_shares_conversation_idx")
      .on("chat_shares")
      .columns(["tenant_id", "conversation_id", "created_at desc", "id desc"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("chat_shares").execute();
    await db.schema.dropTable("chat_presets").execute();
  },
};
