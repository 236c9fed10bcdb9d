import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { GatewayError } from "@gatehouse/protocol";
import Database from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import { WAL_CHECKPOINT_DEFAULTS, WalCheckpointer } from "./wal-checkpointer.js";

/** The dialect, and the raw connection behind it for the few statements Kysely would slow down. */
export interface SqliteHandle {
  /** Stops the WAL checkpointer thread, if one was started (file databases). */
  stop(): Promise<void>;
  dialect: SqliteDialect;
  /** The better-sqlite3 connection; open once Kysely has run a query. Use it only while holding
   * Kysely's connection (`db.connection().execute(...)`), which serialises every use of it. */
  database: () => Database.Database;
}

/** How the dialect is set up beyond its file. */
export interface SqliteDialectOptions {
  /**
   * Run the WalCheckpointer thread (default true). False when another thread checkpoints this file: the
   * server's usage writer thread does (metering/spool), so one thread and one connection do the job.
   */
  walCheckpointer?: boolean;
}

/**
 * A Kysely dialect over one better-sqlite3 connection, opened on first use (so a store that is never used
 * holds no file), tuned for a single-process gateway:
 * WAL (readers never block the writer), synchronous=NORMAL (durable at checkpoints, fast commits in WAL),
 * foreign keys enforced (cascades rely on it) and a 5 s busy timeout for the CLI touching the same file.
 * WAL checkpoints run on a worker thread (WalCheckpointer), not inside the gateway's commits.
 * See https://www.sqlite.org/pragma.html and https://www.sqlite.org/wal.html.
 *
 * @example
 * const db = new Kysely<DB>({ dialect: createSqliteDialect("data/gatehouse.db").dialect });
 */
export function createSqliteDialect(path: string, options: SqliteDialectOptions = {}): SqliteHandle {
  let database: Database.Database | undefined;
  let checkpointer: WalCheckpointer | undefined;
  const dialect = new ImmediateSqliteDialect({
    database: async () => {
      database = openSqlite(path);
      if (path !== ":memory:" && path !== "") {
        database.pragma("wal_autocheckpoint = 0");
        // After a checkpoint the WAL is reused from its start; this truncates a file a burst grew.
        database.pragma(`journal_size_limit = ${WAL_CHECKPOINT_DEFAULTS.maxWalBytes}`);
        if (options.walCheckpointer !== false) checkpointer = new WalCheckpointer(path);
      }
      return database;
    },
  });
  return {
    dialect,
    stop: async () => {
      await checkpointer?.stop();
      checkpointer = undefined;
    },
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

/**
 * Transactions begin IMMEDIATE: they take the write lock at BEGIN, waiting up to the busy timeout for it.
 * A deferred transaction that reads first (every repository checks its references before it writes) and
 * then writes fails at once with SQLITE_BUSY_SNAPSHOT when another connection (the usage writer thread,
 * the CLI) committed in between; the busy timeout does not cover that case. The bench's key creations
 * under load met it. See https://www.sqlite.org/lang_transaction.html and
 * https://www.sqlite.org/rescode.html#busy_snapshot.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
