import type { SpendDelta } from "../store/budgets/sql-budget-ledger.js";

/** Where settled spend is made durable (the store's `budgetLedger.addSpent`). */
export type SpendSink = (deltas: readonly SpendDelta[]) => Promise<void>;

/**
 * Batches the Redis ledger's settled spend into the database, off the hot path: deltas are summed per
 * counter and written every `intervalMs` in one transaction. A failed write keeps its deltas for the next
 * flush. The database's `budget_counters.spent` is what rebuilds a Redis counter that was lost (a Redis
 * restart), so it lags Redis by at most one interval (plus the deltas of a process that crashed).
 *
 * @example
 * const persister = new SpendPersister((d) => store.budgetLedger.addSpent(d), onError);
 * persister.add({ tenantId, budgetId, periodStart, amount: 10_000_000 });
 */
export class SpendPersister {
  private pending = new Map<string, SpendDelta>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: SpendSink,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 1_000,
  ) {}

  add(delta: SpendDelta): void {
    if (delta.amount === 0) return;
    const key = `${delta.budgetId}@${delta.periodStart}`;
    const had = this.pending.get(key);
    this.pending.set(key, had ? { ...had, amount: had.amount + delta.amount } : { ...delta });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref?.();
  }

  /** Writes what is pending now (and waits for a write already under way). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.sink(batch);
      } catch (err) {
        for (const d of batch) this.add(d);
        this.onError(err);
      }
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
