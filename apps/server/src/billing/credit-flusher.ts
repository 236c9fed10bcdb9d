import { type CreditsRepo, FLUSH_BATCH } from "../store/billing/credits-repo.js";

/**
 * Writes prepaid spend as aggregated ledger debits on a timer (every minute by default): one `debit`
 * entry per tenant with spend since the last flush. Between flushes the balance stays exact
 * (sum(entries) − unflushed). Any instance may flush; a flush is one short transaction per tenant.
 *
 * @example
 * const flusher = new CreditFlusher(store.billing.credits, (err) => log.warn({ err })); flusher.start();
 */
export class CreditFlusher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly credits: Pick<CreditsRepo, "flushAll">,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Flushes now (tests, shutdown); never throws. */
  flush(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        // A full batch means more tenants may be waiting; a short one means all were flushed.
        while ((await this.credits.flushAll()) >= FLUSH_BATCH) {}
      } catch (err) {
        this.onError(err);
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
