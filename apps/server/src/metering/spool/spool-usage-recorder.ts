import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import type { PendingUsage, UsageFinal } from "../../store/store-types.js";
import type { OwnedUsageRecorder } from "../usage-recorder.js";
import { encodeFinalLine, encodePendingLine } from "./encode-spool-line.js";
import { parsePendingUsage } from "./parse-usage-records.js";
import type { SpoolAppender } from "./spool-appender.js";
import type { CommitReport, FromWriter } from "./spool-messages.js";
import type { SpoolProgress } from "./spool-progress.js";
import type { SegmentFile } from "./spool-segment-files.js";
import type { UsageWriterEvents, UsageWriterThread } from "./usage-writer-thread.js";

export interface SpoolUsageRecorderOptions {
  appender: SpoolAppender;
  progress: SpoolProgress;
  thread: Pick<UsageWriterThread, "start" | "post" | "stop" | "healthy">;
  logger: Logger;
  /** A final record alone waits this long for company before it is appended (default 5 ms). */
  finalsDelayMs?: number;
  /** Appends are handed to the writer thread at most this often (default 50 ms): one message and one
   * transaction per interval instead of per append. A message costs the event loop ~30 µs and each
   * commit writes WAL pages: at 500 req/s, 50 ms used less CPU in both threads than 10 ms (ADR 0002). */
  postDelayMs?: number;
  /** Past this many uncommitted spool bytes `begin` is refused (default 64 MiB): tmpfs is memory. */
  maxBacklogBytes?: number;
  /** How long close() waits for the writer thread to commit what is left (default 10 s); what it has
   * not committed by then stays in the spool for the next start. Stopping the thread then takes at most
   * one more commit attempt (bounded by its busy timeout). */
  closeTimeoutMs?: number;
  /** Runs last in close() (the opener releases the spool directory). */
  onClosed?: () => void;
}

/** What replaying a crashed process's spool found. */
export interface ReplayResult {
  ok: boolean;
  records: number;
  invalid: number;
  tornBytes: number;
}

type Trouble = "spool" | "full" | "commit" | "thread";

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Usage recording for SQLite files, off the event loop's disk path. `begin` resolves once the pending
 * record's line is appended to a spool segment on tmpfs — records of one tick share one write — and a
 * writer thread commits the spool to SQLite and checkpoints (usage-writer-worker.ts), so a disk stall
 * holds up the thread, never the requests. The spool survives a crash of the process and is replayed
 * into the database at the next start (openUsageRecorder), which keeps DESIGN.md invariant 3; the
 * argument for tmpfs is in docs/adr/0002-usage-spool.md.
 *
 * @example
 * const usage = new SpoolUsageRecorder({ appender, progress, thread, logger });
 * await usage.start();
 * await usage.begin(pending); // on tmpfs; in SQLite a few ms later
 */
export class SpoolUsageRecorder implements OwnedUsageRecorder {
  private waiters: Waiter[] = [];
  private pendingLines: string[] = [];
  private finalLines: string[] = [];
  private scheduled = false;
  private finalsTimer: NodeJS.Timeout | undefined;
  private postTimer: NodeJS.Timeout | undefined;
  private watchers: Array<{ done: () => boolean; resolve: (ok: boolean) => void }> = [];
  private closing: Promise<void> | undefined;
  /** Conditions already logged, so a lasting problem is one log line, and its end another. */
  private readonly trouble: Record<Trouble, boolean> = {
    spool: false,
    full: false,
    commit: false,
    thread: false,
  };
  private readonly totals = { records: 0, invalid: 0, tornBytes: 0 };

  constructor(private readonly o: SpoolUsageRecorderOptions) {}

  /** Starts the writer thread. */
  start(): Promise<void> {
    return this.o.thread.start(this.events());
  }

  /** Commits a crashed process's segments (sealed leftovers) and waits until they are deleted. */
  async replay(segments: readonly SegmentFile[]): Promise<ReplayResult> {
    const before = { ...this.totals };
    for (const s of segments) this.o.progress.addLeftover(s.seq, s.size);
    this.postNow();
    const ok = await this.waitFor(() => this.o.progress.drained);
    return {
      ok,
      records: this.totals.records - before.records,
      invalid: this.totals.invalid - before.invalid,
      tornBytes: this.totals.tornBytes - before.tornBytes,
    };
  }

  begin(record: PendingUsage): Promise<void> {
    if (this.closing) return Promise.reject(unavailable("The usage recorder is closed."));
    // A record the writer thread would skip must fail here, before any upstream call.
    if (parsePendingUsage(record) === undefined) {
      return Promise.reject(new GatewayError("internal_error", "A usage record is malformed."));
    }
    const line = encodePendingLine(record);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pendingLines.push(line);
      this.schedule();
    });
  }

  finish(final: UsageFinal): void {
    if (this.closing) {
      this.o.logger.error({ id: final.id }, "usage: a final record arrived after close and is lost");
      return;
    }
    this.finalLines.push(encodeFinalLine(final));
    if (this.finalsTimer === undefined && !this.scheduled) {
      this.finalsTimer = setTimeout(() => this.schedule(), this.o.finalsDelayMs ?? 5);
      this.finalsTimer.unref();
    }
  }

  /** Appends what is queued and waits until the writer thread committed it (or reported a failure). */
  async flush(): Promise<void> {
    this.write();
    this.postNow();
    const target = this.o.progress.appendedCount;
    await this.waitFor(() => this.o.progress.committedCount >= target);
  }

  get backlog(): number {
    return this.waiters.length + this.finalLines.length + this.o.progress.backlog;
  }

  /** Flushes, seals the last segment, waits for the thread to delete it, stops the thread. What could
   * not be committed stays in the spool for the next start. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const deadline = Date.now() + (this.o.closeTimeoutMs ?? 10_000);
      this.write();
      this.postNow();
      const target = this.o.progress.appendedCount;
      await this.waitFor(() => this.o.progress.committedCount >= target, deadline);
      this.o.appender.seal();
      this.noteSealed();
      this.postNow();
      await this.waitFor(() => this.o.progress.drained, deadline);
      await this.o.thread.stop();
      if (this.finalLines.length > 0) {
        this.o.logger.error({ count: this.finalLines.length }, "usage: final records could not be spooled");
      }
      if (this.o.progress.backlog > 0) {
        this.o.logger.warn(
          { count: this.o.progress.backlog },
          "usage: records left in the spool; the next start writes them",
        );
      }
      this.o.onClosed?.();
    })();
    return this.closing;
  }

  private schedule(): void {
    clearTimeout(this.finalsTimer);
    this.finalsTimer = undefined;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.write();
    });
  }

  /** One append for everything queued in this tick. */
  private write(): void {
    clearTimeout(this.finalsTimer);
    this.finalsTimer = undefined;
    let waiters = this.waiters;
    const finalLines = this.finalLines;
    let lines = finalLines;
    if (waiters.length > 0 && this.o.progress.backlogBytes >= (this.o.maxBacklogBytes ?? 64 * 1024 * 1024)) {
      this.report("full", "usage: the spool is full because the writer thread is behind; refusing requests");
      for (const w of waiters) w.reject(unavailable("The usage backlog is full."));
      waiters = [];
    } else if (waiters.length > 0) lines = this.pendingLines.concat(finalLines);
    this.waiters = [];
    this.pendingLines = [];
    this.finalLines = [];
    if (lines.length === 0) return;
    try {
      const at = this.o.appender.append(Buffer.from(lines.join("")));
      this.noteSealed();
      this.o.progress.appended(at.seq, at.end, lines.length);
    } catch (err) {
      this.noteSealed();
      this.report("spool", "usage: the spool cannot be written; refusing requests", err);
      for (const w of waiters) w.reject(unavailable("The usage spool cannot be written.", err));
      this.finalLines = finalLines.concat(this.finalLines);
      this.finalsTimer = setTimeout(() => this.schedule(), 1_000);
      this.finalsTimer.unref();
      return;
    }
    this.recovered("spool", "usage: the spool is written again");
    if (waiters.length > 0) this.recovered("full", "usage: the spool has room again");
    for (const w of waiters) w.resolve();
    if (this.postTimer === undefined) {
      this.postTimer = setTimeout(() => this.postNow(), this.o.postDelayMs ?? 50);
      this.postTimer.unref();
    }
  }

  private postNow(): void {
    clearTimeout(this.postTimer);
    this.postTimer = undefined;
    this.o.thread.post(this.o.progress.takeUnposted());
  }

  private noteSealed(): void {
    for (const seq of this.o.appender.takeSealed()) this.o.progress.seal(seq);
  }

  private events(): UsageWriterEvents {
    return {
      message: (m: FromWriter) => {
        if (m.t === "committed") this.committed(m);
        else if (m.t === "failed") {
          this.report(
            "commit",
            "usage: the writer thread cannot commit; records wait in the spool",
            m.message,
          );
          this.settleWatchers(false);
        }
      },
      died: (reason) => {
        this.report("thread", "usage: the writer thread died; restarting it", reason);
        this.settleWatchers(false);
      },
      restarted: () => {
        this.o.progress.rewind();
        this.postNow();
      },
    };
  }

  private committed(m: CommitReport): void {
    this.o.progress.committed(m.ranges);
    this.o.thread.healthy();
    this.totals.records += m.records;
    this.totals.invalid += m.invalid;
    this.totals.tornBytes += m.tornBytes;
    if (m.invalid > 0) this.o.logger.warn({ count: m.invalid }, "usage: unreadable spool lines skipped");
    if (m.missing > 0) this.o.logger.error("usage: a spool segment vanished before it was committed");
    this.recovered("commit", "usage: the writer thread commits again");
    this.recovered("thread", "usage: the writer thread runs again");
    this.settleWatchers(true);
  }

  /** Resolves true once `done()` holds after a commit; false at the next failure or thread death, or at
   * the deadline (Unix ms). */
  private waitFor(done: () => boolean, deadline?: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer =
        deadline === undefined ? undefined : setTimeout(() => settle(false), deadline - Date.now());
      const settle = (ok: boolean) => {
        clearTimeout(timer);
        this.watchers = this.watchers.filter((w) => w !== watcher);
        resolve(ok);
      };
      const watcher = { done, resolve: settle };
      this.watchers.push(watcher);
    });
  }

  private settleWatchers(ok: boolean): void {
    const waiting = this.watchers;
    this.watchers = [];
    for (const w of waiting) {
      if (!ok) w.resolve(false);
      else if (w.done()) w.resolve(true);
      else this.watchers.push(w);
    }
  }

  private report(kind: Trouble, message: string, reason?: unknown): void {
    if (this.trouble[kind]) return;
    this.trouble[kind] = true;
    this.o.logger.error({ reason: reason instanceof Error ? reason.message : reason }, message);
  }

  private recovered(kind: Trouble, message: string): void {
    if (!this.trouble[kind]) return;
    this.trouble[kind] = false;
    this.o.logger.info(message);
  }
}

function unavailable(message: string, cause?: unknown): GatewayError {
  return new GatewayError("service_unavailable", message, {}, { cause });
}
