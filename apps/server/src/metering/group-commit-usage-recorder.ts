import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { PendingUsage, UsageFinal } from "../store/store-types.js";
import type { OwnedUsageRecorder } from "./usage-recorder.js";

interface Waiter {
  record: PendingUsage;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Usage writes with group commit. `begin` resolves once the pending record is durable — the upstream
 * call waits for it (DESIGN.md invariant 3) — but records arriving together share one transaction, so
 * the cost per request is a fraction of a write. `finish` is queued and written in the next batch; if
 * the process dies first, the record stays pending and the reconciler settles it.
 * The recorder of PostgreSQL mode, of in-memory stores and of `GATEHOUSE_SPOOL_DIR=off`; SQLite files
 * otherwise use SpoolUsageRecorder (openUsageRecorder picks).
 *
 * @example
 * const usage = new GroupCommitUsageRecorder(store, logger);
 * await usage.begin(pending); // committed
 */
export class GroupCommitUsageRecorder implements OwnedUsageRecorder {
  private pending: Waiter[] = [];
  private finals: UsageFinal[] = [];
  private scheduled = false;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private finalsTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly maxBatch = 1_000,
    private readonly finalsDelayMs = 5,
  ) {}

  /** Queues a pending record; resolves when it is committed, rejects when the store refuses it. */
  begin(record: PendingUsage): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Queues the final state of a record. Never throws; failures are retried with the next batch. Nobody
   * waits for a final record, so it rides along with the next pending batch, or at most a few ms later.
   */
  finish(final: UsageFinal): void {
    this.finals.push(final);
    if (this.finalsTimer === undefined && !this.scheduled && !this.flushing) {
      this.finalsTimer = setTimeout(() => {
        this.finalsTimer = undefined;
        this.schedule();
      }, this.finalsDelayMs);
      this.finalsTimer.unref();
    }
  }

  /** Writes everything queued; used at shutdown. */
  async flush(): Promise<void> {
    while (this.flushing || this.pending.length > 0 || this.finals.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.run();
      if (this.failures > 0 && this.finals.length > 0) break;
    }
  }

  /** Flushes: there is no background work to end. */
  close(): Promise<void> {
    return this.flush();
  }

  /** Records queued and not yet written (for readiness and shutdown logs). */
  get backlog(): number {
    return this.pending.length + this.finals.length;
  }

  private schedule(): void {
    if (this.finalsTimer !== undefined) {
      clearTimeout(this.finalsTimer);
      this.finalsTimer = undefined;
    }
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private run(): Promise<void> {
    this.flushing = this.write().finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0 || (this.finals.length > 0 && this.failures === 0)) this.schedule();
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    const waiters = this.pending.splice(0, this.maxBatch);
    if (waiters.length > 0) {
      try {
        await this.store.usage.insertPending(waiters.map((w) => w.record));
        for (const w of waiters) w.resolve();
      } catch (err) {
        this.logger.error({ err, count: waiters.length }, "usage: pending records could not be written");
        for (const w of waiters) w.reject(err);
      }
    }
    const finals = this.finals.splice(0, this.maxBatch);
    if (finals.length === 0) return;
    try {
      await this.store.usage.finalize(finals);
      this.failures = 0;
    } catch (err) {
      this.failures = Math.min(this.failures + 1, 9);
      this.logger.error(
        { err, count: finals.length },
        "usage: final records could not be written; will retry",
      );
      this.finals.unshift(...finals);
      const retry = setTimeout(() => this.schedule(), Math.min(30_000, 100 * 2 ** this.failures));
      retry.unref();
    }
  }
}
