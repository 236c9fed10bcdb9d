import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * Answers run by the server (issue 13, resumable streams): an assistant message is stored as soon as the
 * data plane accepts its request, with `status` 'streaming', and its text is flushed while it grows; the
 * run ends it 'done', 'stopped' or 'failed' (`error` says why). `stop_requested` lets any instance ask
 * the one running the answer to stop (checked at each flush); `flushed_at` tells a run whose instance
 * died (no flush for a while) from a live one. Existing messages are finished answers: 'done'.
 *
 * SQLite's FTS5 index of message text had no update trigger (messages were never edited); a streamed
 * answer's text now changes, so it gets one. PostgreSQL's generated tsvector follows by itself.
 */
export const chatAnswerRunsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .alterTable("chat_messages")
      .addColumn("status", "text", (c) => c.notNull().defaultTo("done"))
      .execute();
    await db.schema.alterTable("chat_messages").addColumn("error", "text").execute();
    await db.schema
      .alterTable("chat_messages")
      .addColumn("stop_requested", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("chat_messages").addColumn("flushed_at", "bigint").execute();
    if (!postgres) {
      // https://www.sqlite.org/fts5.html#external_content_tables: delete the old entry, insert the new.
      await sql`create trigger chat_messages_fts_au after update of content_text on chat_messages begin
        insert into chat_messages_fts(chat_messages_fts, rowid, content_text)
          values ('delete', old.rowid, old.content_text);
        insert into chat_messages_fts(rowid, content_text) values (new.rowid, new.content_text); end`.execute(
        db,
      );
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (!postgres) await sql`drop trigger if exists chat_messages_fts_au`.execute(db);
    for (const column of ["flushed_at", "stop_requested", "error", "status"]) {
      await db.schema.alterTable("chat_messages").dropColumn(column).execute();
    }
  },
};
