import { closeSync, openSync, readSync, statSync, unlinkSync } from "node:fs";
import type Database from "better-sqlite3";
import type { SqliteUsageWrites } from "../../store/sqlite-usage-writer.js";
import type { PendingUsage, UsageFinal } from "../../store/store-types.js";
import { uniqueById } from "../../store/unique-by-id.js";
import { decodeSpoolLines } from "./decode-spool-lines.js";
import type { CommitReport, FromWriter, SpoolRange, ToWriter } from "./spool-messages.js";
import { segmentPath } from "./spool-segment-files.js";

export interface SpoolCommitterOptions {
  database: Database.Database;
  writes: SqliteUsageWrites;
  dir: string;
  /** Sends a report to the main thread. */
  post: (message: FromWriter) => void;
  now?: () => number;
  /** When to checkpoint the WAL: every `intervalMs`, or once it is larger than `maxWalBytes`. */
  checkpoint: { intervalMs: number; maxWalBytes: number; pollMs: number };
  /** Bytes of spool read into one transaction at most (bounds the thread's memory). */
  maxBatchBytes?: number;
}

/**
 * The writer thread's work (usage-writer-worker.ts runs it; tests run it in-process): reads the spool
 * ranges the main thread hands over, commits their records in one transaction (pending records first,
 * then finals, both idempotent by id), deletes sealed segments once committed, reports back, and
 * checkpoints the WAL between commits. A commit that fails (SQLITE_BUSY after the busy timeout, a full
 * disk) is retried with backoff; its ranges stay queued and the spool keeps their records meanwhile.
 *
 * @example
 * const committer = new SpoolCommitter({ database, writes, dir, post, checkpoint });
 * committer.receive({ t: "ranges", ranges: [{ seq: 1, from: 0, to: 512, sealed: false }] });
 */
export class SpoolCommitter {
  private readonly queue: SpoolRange[] = [];
  private scheduled = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private readonly poll: NodeJS.Timeout;
  private lastCheckpoint: number;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly o: SpoolCommitterOptions) {
    this.now = o.now ?? Date.now;
    this.lastCheckpoint = this.now();
    this.poll = setInterval(() => this.checkpointIfDue(), o.checkpoint.pollMs);
  }

  /** Takes a message of the main thread; throws on one it does not know (a thread that cannot follow
   * the protocol should die loudly: the main thread restarts it and logs why). */
  receive(message: ToWriter): void {
    if (message.t === "stop") {
      this.stop();
      return;
    }
    if (message.t !== "ranges") throw new Error(`unknown message ${JSON.stringify(message)}`);
    this.queue.push(...message.ranges);
    this.schedule();
  }

  /** Commits what is queued (one try), checkpoints, closes the connection and reports `stopped`. */
  stop(): void {
    if (this.stopped) return;
    clearInterval(this.poll);
    clearTimeout(this.retry);
    while (this.queue.length > 0 && this.commitBatch()) {}
    clearTimeout(this.retry);
    this.stopped = true;
    this.checkpoint();
    this.o.database.close();
    this.o.post({ t: "stopped" });
  }

  private schedule(): void {
    if (this.scheduled || this.retry !== undefined || this.stopped) return;
    this.scheduled = true;
    // Ranges that arrived while a commit blocked are all queued by the time this runs: one transaction.
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      if (this.commitBatch() && this.queue.length > 0) this.schedule();
    });
  }

  /** Commits the next batch of ranges; false when it failed (and a retry is scheduled). */
  private commitBatch(): boolean {
    const maxBytes = this.o.maxBatchBytes ?? 4 * 1024 * 1024;
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || bytes < maxBytes)) bytes += rangeBytes(this.queue[n++]!);
    const ranges = this.queue.slice(0, n);
    let report: CommitReport;
    try {
      report = this.commit(ranges);
    } catch (err) {
      this.failed(err);
      return false;
    }
    this.queue.splice(0, n);
    this.failures = 0;
    this.o.post(report);
    this.checkpointIfDue();
    return true;
  }

  private commit(ranges: SpoolRange[]): CommitReport {
    const report: CommitReport = { t: "committed", ranges, records: 0, invalid: 0, tornBytes: 0, missing: 0 };
    const pending: PendingUsage[] = [];
    const finals: UsageFinal[] = [];
    const done: string[] = [];
    for (const r of ranges) {
      const path = segmentPath(this.o.dir, r.seq);
      const bytes = readRange(path, r);
      if (bytes === undefined) {
        // A sealed segment already deleted was committed by a thread that died before reporting it.
        if (!r.sealed) report.missing++;
        continue;
      }
      const decoded = decodeSpoolLines(bytes);
      pending.push(...decoded.pending);
      finals.push(...decoded.finals);
      report.records += decoded.pending.length + decoded.finals.length;
      report.invalid += decoded.invalid;
      report.tornBytes += decoded.tornBytes;
      if (r.sealed) done.push(path);
    }
    if (pending.length > 0 || finals.length > 0)
      this.o.writes.writeAll(uniqueById(pending), uniqueById(finals));
    for (const path of done) unlinkQuietly(path);
    return report;
  }

  private failed(err: unknown): void {
    this.failures = Math.min(this.failures + 1, 8);
    this.o.post({ t: "failed", message: (err as Error).message ?? String(err) });
    const delay = Math.min(5_000, 50 * 2 ** this.failures);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.schedule();
    }, delay);
  }

  private checkpointIfDue(): void {
    if (this.stopped) return;
    const { intervalMs, maxWalBytes } = this.o.checkpoint;
    if (this.now() - this.lastCheckpoint >= intervalMs || walBytes(this.o.database.name) >= maxWalBytes) {
      this.checkpoint();
    }
  }

  /** PASSIVE: never waits for readers or writers of other connections; what it cannot copy stays. */
  private checkpoint(): void {
    try {
      this.o.database.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy or I/O trouble: the next checkpoint tries again.
    }
    this.lastCheckpoint = this.now();
  }
}

function rangeBytes(r: SpoolRange): number {
  return r.to - r.from;
}

/** The bytes of a range; undefined when the segment file does not exist. */
function readRange(path: string, r: SpoolRange): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    const buf = Buffer.allocUnsafe(r.to - r.from);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, r.from + read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Gone already.
  }
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
