import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { RetentionPosition } from "../store/usage/apply-usage-retention.js";

/** How far ahead month partitions are made (PostgreSQL). */
const MONTHS_AHEAD = 3;

/**
 * The usage storage's upkeep, off the request path: month partitions made ahead (PostgreSQL) and each
 * tenant's retention applied in bounded batches, resuming where the previous run stopped. Safe on every
 * instance at once: partition creation is serialized by an advisory lock, and deletes of rows already
 * deleted delete nothing. The clock is injected, so a test moves time instead of waiting.
 *
 * @example
 * const job = new UsageMaintenanceJob(store, logger, Date.now);
 * job.start(); // every 10 minutes; job.stop() on close
 */
export class UsageMaintenanceJob {
  private timer: NodeJS.Timeout | undefined;
  private resume: RetentionPosition | undefined;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly intervalMs = 10 * 60_000,
    private readonly budget = { batchSize: 5_000, maxBatches: 200 },
  ) {}

  /** First run after one interval: the migration made partitions months ahead, and a start stays quick. */
  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run; a run still going when the timer fires again is not doubled. Never throws. */
  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = this.now();
      const created = await this.store.usageMaintenance.ensurePartitions(now, MONTHS_AHEAD);
      if (created.length > 0) this.logger.info({ partitions: created }, "usage: month partitions created");
      const report = await this.store.usageMaintenance.applyRetention(now, {
        ...this.budget,
        ...(this.resume ? { resume: this.resume } : {}),
      });
      this.resume = report.resume;
      const deleted = Object.values(report.deleted).reduce((a, b) => a + b, 0);
      if (deleted > 0 || report.droppedPartitions.length > 0) {
        this.logger.info({ ...report }, "usage: retention applied");
      }
    } catch (err) {
      this.logger.error({ err }, "usage maintenance failed");
    } finally {
      this.running = false;
    }
  }
}
