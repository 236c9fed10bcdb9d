import type { Logger } from "pino";
import type { Store } from "../../store/store.js";

/** How the sweep is bounded: rows per delete, and deletes per run (the rest waits for the next run). */
export interface SweepBudget {
  batchSize: number;
  maxBatches: number;
}

/**
 * Deletes stored responses past their retention (GATEHOUSE_RESPONSES_RETENTION_DAYS), off the request
 * path, in bounded batches: a backlog is worked down over several runs rather than in one long delete.
 * Reads already ignore expired rows, so the sweep only reclaims space. Safe on every instance at once (a
 * row deleted twice is deleted once). The clock is injected: a test moves time instead of waiting.
 *
 * @example
 * const sweeper = new StoredResponsesSweeper(store, logger, Date.now);
 * sweeper.start(); // every 10 minutes; sweeper.stop() on close
 */
export class StoredResponsesSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly intervalMs = 10 * 60_000,
    private readonly budget: SweepBudget = { batchSize: 1_000, maxBatches: 100 },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run: how many rows it deleted. A run still going is not doubled (answers 0). Never throws. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let deleted = 0;
    try {
      const now = this.now();
      for (let i = 0; i < this.budget.maxBatches; i++) {
        const n = await this.store.storedResponses.deleteExpired(now, this.budget.batchSize);
        deleted += n;
        if (n < this.budget.batchSize) break;
      }
      if (deleted > 0) this.logger.info({ deleted }, "stored responses: expired ones deleted");
    } catch (err) {
      this.logger.error({ err }, "stored responses sweep failed");
    } finally {
      this.running = false;
    }
    return deleted;
  }
}
