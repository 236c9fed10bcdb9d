import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * Chat conversations (issue 13): `chat_conversations` (one user's, in one workspace) and `chat_messages`,
 * a TREE by `parent_id` (a new message may go under any earlier one: that is a branch); the conversation's
 * `active_leaf_id` selects the branch shown. Listing reads (tenant, user, workspace, archived, updated_at)
 * newest first, hence the index. Full-text search over titles and message text: on SQLite two FTS5
 * external-content tables kept by triggers (they fire on the cascade deletes too); on PostgreSQL a
 * generated tsvector column with a GIN index on each table ('simple' configuration: no stemming, so it
 * works the same for every language).
 */
export const chatConversationsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable("chat_conversations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("preset_id", "text")
      .addColumn("pinned", "integer", (c) => c.notNull())
      .addColumn("archived", "integer", (c) => c.notNull())
      .addColumn("active_leaf_id", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("chat_conversations_list_idx")
      .on("chat_conversations")
      .columns(["tenant_id", "user_id", "workspace_id", "archived", "updated_at desc", "id desc"])
      .execute();
    await db.schema
      .createTable("chat_messages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("conversation_id", "text", (c) =>
        c.notNull().references("chat_conversations.id").onDelete("cascade"),
      )
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("parent_id", "text")
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("content_text", "text", (c) => c.notNull())
      .addColumn("content_parts", "text", (c) => c.notNull())
      .addColumn("model", "text")
      .addColumn("usage_record_id", "text")
      .addColumn("input_tokens", "integer", (c) => c.notNull())
      .addColumn("output_tokens", "integer", (c) => c.notNull())
      .addColumn("cost_nano", "bigint", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("chat_messages_conversation_idx")
      .on("chat_messages")
      .columns(["conversation_id", "created_at"])
      .execute();
    if (postgres) await addPostgresSearch(db);
    else await addSqliteSearch(db);
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (!postgres) {
      await sql`drop table if exists chat_messages_fts`.execute(db);
      await sql`drop table if exists chat_conversations_fts`.execute(db);
    }
    await db.schema.dropTable("chat_messages").execute();
    await db.schema.dropTable("chat_conversations").execute();
  },
};

/** Generated tsvector columns (kept by PostgreSQL itself) and their GIN indexes. */
async function addPostgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`alter table chat_conversations add column search tsvector
    generated always as (to_tsvector('simple', title)) stored`.execute(db);
  await sql`create index chat_conversations_search_idx on chat_conversations using gin (search)`.execute(db);
  await sql`alter table chat_messages add column search tsvector
    generated always as (to_tsvector('simple', content_text)) stored`.execute(db);
  await sql`create index chat_messages_search_idx on chat_messages using gin (search)`.execute(db);
}

/**
 * FTS5 external-content tables over the rowids of the two tables, kept by triggers (the documented
 * pattern: https://www.sqlite.org/fts5.html#external_content_tables). Messages are never edited, so they
 * need no update trigger; a title change replaces the title's entry.
 */
async function addSqliteSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table chat_conversations_fts using fts5(
    title, content='chat_conversations', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger chat_conversations_fts_ai after insert on chat_conversations begin
    insert into chat_conversations_fts(rowid, title) values (new.rowid, new.title); end`.execute(db);
  await sql`create trigger chat_conversations_fts_ad after delete on chat_conversations begin
    insert into chat_conversations_fts(chat_conversations_fts, rowid, title)
      values ('delete', old.rowid, old.title); end`.execute(db);
  await sql`create trigger chat_conversations_fts_au after update of title on chat_conversations begin
    insert into chat_conversations_fts(chat_conversations_fts, rowid, title)
      values ('delete', old.rowid, old.title);
    insert into chat_conversations_fts(rowid, title) values (new.rowid, new.title); end`.execute(db);
  await sql`create virtual table chat_messages_fts using fts5(
    content_text, content='chat_messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger chat_messages_fts_ai after insert on chat_messages begin
    insert into chat_messages_fts(rowid, content_text) values (new.rowid, new.content_text); end`.execute(db);
  await sql`create trigger chat_messages_fts_ad after delete on chat_messages begin
    insert into chat_messages_fts(chat_messages_fts, rowid, content_text)
      values ('delete', old.rowid, old.content_text); end`.execute(db);
}
