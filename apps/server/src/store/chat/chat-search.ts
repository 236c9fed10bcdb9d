import { type Expression, type Kysely, PostgresAdapter, type SqlBool, sql } from "kysely";
import type { DB } from "../database.js";

/** At most this many words of a query are searched: a bounded query for any input. */
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 64;

/**
 * The words of a search: runs of letters and digits, lower-cased, each cut at 64 characters, at most 8.
 * Only these reach the database, so no input can inject FTS5 or tsquery syntax.
 *
 * @example
 * searchWords("  Hello, wörld! (foo*)"); // ["hello", "wörld", "foo"]
 */
export function searchWords(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
}

/**
 * The condition "the conversation's title or one of its messages contains every word (as a prefix)", for
 * a query over `chat_conversations`: FTS5 MATCH on SQLite, tsvector @@ tsquery (GIN-indexed) on
 * PostgreSQL. `words` must come from {@link searchWords} and be non-empty.
 */
export function searchCondition(db: Kysely<DB>, words: readonly string[]): Expression<SqlBool> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const query = words.map((w) => `${w}:*`).join(" & ");
    return sql<SqlBool>`(chat_conversations.search @@ to_tsquery('simple', ${query})
      or chat_conversations.id in (select m.conversation_id from chat_messages m
        where m.tenant_id = chat_conversations.tenant_id and m.search @@ to_tsquery('simple', ${query})))`;
  }
  const match = words.map((w) => `"${w}"*`).join(" ");
  return sql<SqlBool>`(chat_conversations.rowid in
      (select rowid from chat_conversations_fts where chat_conversations_fts match ${match})
    or chat_conversations.id in (select m.conversation_id from chat_messages m where m.rowid in
      (select rowid from chat_messages_fts where chat_messages_fts match ${match})))`;
}
