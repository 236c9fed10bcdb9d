import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// The worker runs as CommonJS from a string (no separate build artefact to locate); it loads
// better-sqlite3 from the path resolved here, so it finds the same native module.
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const checkpoint = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} last = Date.now(); };
const walBytes = () => { try { return statSync(workerData.path + "-wal").size; } catch { return 0; } };
let last = Date.now();
const timer = setInterval(() => {
  if (Date.now() - last >= workerData.intervalMs || walBytes() >= workerData.maxWalBytes) checkpoint();
}, workerData.pollMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage("stopped");
});
`;

/**
 * The checkpoint schedule both checkpointing threads follow (this one, and the usage writer thread of
 * metering/spool): every 10 s, or sooner once the WAL is past 64 MiB — also the size a WAL is truncated
 * back to (`journal_size_limit`) after a burst grew it.
 */
export const WAL_CHECKPOINT_DEFAULTS = { intervalMs: 10_000, maxWalBytes: 64 * 1024 * 1024 } as const;

/** When to checkpoint: whichever comes first. */
export interface WalCheckpointOptions {
  /** Time since the last checkpoint (default 10 s). */
  intervalMs?: number;
  /** Size of the WAL file (default 64 MiB). */
  maxWalBytes?: number;
  /** How often both are checked (default: a second, or the interval when shorter). */
  pollMs?: number;
}

/**
 * Checkpoints a SQLite WAL from a worker thread with its own connection. A checkpoint copies pages into
 * the database file and fsyncs it; SQLite's automatic checkpoint does that inside whichever commit
 * crosses the threshold — on the event loop, stalling every request for the length of an fsync (the
 * bench's p99 at 500 req/s). The main connection turns automatic checkpoints off and this thread runs a
 * PASSIVE checkpoint (never blocks writers) every `intervalMs`, or sooner once the WAL file has grown
 * past `maxWalBytes`.
 * Even off the loop a checkpoint is felt: the gateway's next commits wait behind its disk writes
 * (measured: 12–33 ms stalls about once a second with a 1 s interval). Checkpointing every 10 s makes
 * those stalls rarer (bench/README.md, "Findings").
 * @see https://www.sqlite.org/wal.html#ckpt
 */
export class WalCheckpointer {
  private readonly worker: Worker;

  constructor(path: string, options: WalCheckpointOptions = {}) {
    const {
      intervalMs = WAL_CHECKPOINT_DEFAULTS.intervalMs,
      maxWalBytes = WAL_CHECKPOINT_DEFAULTS.maxWalBytes,
    } = options;
    const pollMs = options.pollMs ?? Math.min(1_000, intervalMs);
    const modulePath = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { path, modulePath, intervalMs, maxWalBytes, pollMs },
      // It allocates almost nothing; default heap sizes would reserve memory it never needs.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8, codeRangeSizeMb: 4 },
    });
    this.worker.unref();
    this.worker.on("error", () => {});
  }

  /** Runs a last checkpoint and ends the thread. */
  async stop(): Promise<void> {
    const stopped = new Promise<void>((resolve) => {
      this.worker.once("message", () => resolve());
      this.worker.once("exit", () => resolve());
    });
    this.worker.postMessage("stop");
    await stopped;
    await this.worker.terminate();
  }
}
