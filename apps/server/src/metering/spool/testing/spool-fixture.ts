import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pino, { type Logger } from "pino";
import { createStore } from "../../../store/create-store.js";
import type { Store } from "../../../store/store.js";

/** A migrated SQLite store in a fresh directory, its spool directory path, and `cleanup()`. */
export interface SpoolFixture {
  dir: string;
  sqlitePath: string;
  spoolDir: string;
  store: Store;
  cleanup(): Promise<void>;
}

export async function spoolFixture(): Promise<SpoolFixture> {
  const dir = mkdtempSync(join(tmpdir(), "gh-spool-"));
  const sqlitePath = join(dir, "gatehouse.db");
  const store = createStore({ sqlitePath, walCheckpointer: false });
  await store.migrate();
  return {
    dir,
    sqlitePath,
    spoolDir: join(dir, "spool"),
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every usage row as the database holds it, by id. */
export function usageRows(
  sqlitePath: string,
): Array<Record<string, unknown> & { id: string; status: string }> {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare("select * from usage_records order by id").all() as never;
  } finally {
    db.close();
  }
}

/** id → status of every usage row. */
export function usageStatuses(sqlitePath: string): Record<string, string> {
  return Object.fromEntries(usageRows(sqlitePath).map((r) => [r.id, r.status]));
}

/**
 * Holds the database's write lock from another connection, as a CLI command or a disk stall would hold
 * up a writer: commits of every other connection wait (busy timeout), then fail with SQLITE_BUSY.
 * Returns the release.
 */
export function holdWriteLock(sqlitePath: string): () => void {
  const db = new Database(sqlitePath);
  db.exec("begin immediate");
  return () => {
    db.exec("rollback");
    db.close();
  };
}

/** A logger whose lines are kept, parsed. */
export function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}
