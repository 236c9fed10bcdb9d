import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { GatewayError } from "@gatehouse/protocol";
import Database from "better-sqlite3";
import { SqliteDialect } from "kysely";

/** The dialect, and the raw connection behind it for the few statements Kysely would slow down. */
export interface SqliteHandle {
  dialect: SqliteDialect;
  /** The better-sqlite3 connection; open once Kysely has run a query. Use it only while holding
   * Kysely's connection (`db.connection().execute(...)`), which serialises every use of it. */
  database: () => Database.Database;
}

/**
 * A Kysely dialect over one better-sqlite3 connection, opened on first use (so a store that is never used
 * holds no file), tuned for a single-process gateway:
 * WAL (readers never block the writer), synchronous=NORMAL (durable at checkpoints, fast commits in WAL),
 * foreign keys enforced (cascades rely on it) and a 5 s busy timeout for the CLI touching the same file.
 * See https://www.sqlite.org/pragma.html and https://www.sqlite.org/wal.html.
 *
 * @example
 * const db = new Kysely<DB>({ dialect: createSqliteDialect("data/gatehouse.db").dialect });
 */
export function createSqliteDialect(path: string): SqliteHandle {
  let database: Database.Database | undefined;
  const dialect = new SqliteDialect({
    database: async () => {
      database = openSqlite(path);
      return database;
    },
  });
  return {
    dialect,
    database: () => {
      if (!database) throw new GatewayError("internal_error", "The SQLite database is not open yet.");
      return database;
    },
  };
}

function openSqlite(path: string): Database.Database {
  if (path !== ":memory:" && path !== "") mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return database;
}
