import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { prepareSqliteUsageWrites } from "../../store/sqlite-usage-writer.js";
import { SpoolCommitter } from "./spool-committer.js";
import type { FromWriter, ToWriter } from "./spool-messages.js";

/** What UsageWriterThread passes to this thread. */
export interface UsageWriterData {
  dbPath: string;
  dir: string;
  busyTimeoutMs: number;
  checkpoint: { intervalMs: number; maxWalBytes: number; pollMs: number };
}

/**
 * The usage writer thread's entry point: its own connection to the gateway's SQLite file, set up as the
 * store's (WAL, synchronous=NORMAL) and with automatic checkpoints off — this thread checkpoints between
 * its commits (SpoolCommitter), so neither the event loop nor a commit of the main connection ever runs
 * one. See https://www.sqlite.org/wal.html#ckpt and https://www.sqlite.org/pragma.html#pragma_synchronous.
 */
function main(port: NonNullable<typeof parentPort>, data: UsageWriterData): void {
  const database = new Database(data.dbPath);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  database.pragma("wal_autocheckpoint = 0");
  database.pragma(`journal_size_limit = ${data.checkpoint.maxWalBytes}`);
  const committer = new SpoolCommitter({
    database,
    writes: prepareSqliteUsageWrites(database),
    dir: data.dir,
    post: (message: FromWriter) => port.postMessage(message),
    checkpoint: data.checkpoint,
  });
  port.on("message", (message: ToWriter) => committer.receive(message));
  port.postMessage({ t: "ready" } satisfies FromWriter);
}

if (parentPort) main(parentPort, workerData as UsageWriterData);
