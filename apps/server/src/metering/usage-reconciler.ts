import type { Logger } from "pino";
import { TIMEOUT_BOUNDS } from "../resilience/resolve-timeouts.js";
import type { Store } from "../store/store.js";

/**
 * How old a pending record must be before the reconciler settles it: longer than any request can last
 * (the longest total timeout any layer may set, a model's included), plus a margin for the final's write.
 * A shorter age would settle a long stream still being served at $0, and its real final — written later,
 * to a record no longer pending — would be dropped.
 */
export const RECONCILE_AFTER_MS = TIMEOUT_BOUNDS.totalMs.max + 5 * 60_000;

/**
 * Settles usage records left pending by a crash: a record still pending long after any request could
 * have lasted (the age limit) is finalized as interrupted, with its tokens unknown and marked estimated.
 * Runs off the request path, on every instance; finalize only touches pending rows, so instances racing
 * on one record is harmless.
 */
export class UsageReconciler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly maxAgeMs = RECONCILE_AFTER_MS,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Settles one batch of stale records; returns how many. */
  async runOnce(): Promise<number> {
    try {
      const now = this.now();
      const stale = await this.store.usage.listStalePending(now - this.maxAgeMs, 500);
      if (stale.length === 0) return 0;
      await this.store.usage.finalize(
        stale.map((r) => ({
          id: r.id,
          status: "interrupted" as const,
          httpStatus: null,
          errorCode: "reconciled",
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          cacheWrite1hTokens: 0,
          imageTokens: 0,
          audioTokens: 0,
          usageEstimated: true,
          costNano: 0,
          priceVersion: null,
          unpriced: false,
          streamOutcome: null,
          finishedAt: now,
          ttfbMs: null,
          latencyMs: null,
          attempts: [],
        })),
      );
      this.logger.warn({ count: stale.length }, "usage: settled records left pending by an earlier crash");
      return stale.length;
    } catch (err) {
      this.logger.error({ err }, "usage reconciler failed");
      return 0;
    }
  }
}
