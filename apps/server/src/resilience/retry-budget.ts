import { GatewayError } from "@gatehouse/protocol";
import { BucketWindow } from "./bucket-window.js";

export interface RetryBudgetOptions {
  /** Extra attempts allowed per first attempt over the window (0.2: at most 20% more upstream calls). */
  ratio?: number;
  /** Extra attempts always allowed per window, so a quiet system can still retry its rare failure. */
  minPerWindow?: number;
  windowMs?: number;
  /** Buckets of the sliding window. */
  buckets?: number;
  now?: () => number;
}

const FIRST = 0;
const EXTRA = 1;

/**
 * Caps the upstream attempts that retries and fallbacks add, as a share of the first attempts seen over a
 * sliding window. Per-request limits (max attempts) bound one request; only a shared budget bounds a
 * storm: when every upstream answers 503, retrying each request 3 times would triple the load on
 * providers that are already failing. With the budget, attempts stay ≤ (1 + ratio) × requests
 * (+ minPerWindow per window).
 *
 * Spend it for every upstream attempt after a request's first, whether a retry of the same deployment
 * or a fallback to another; skipping a deployment whose breaker is open costs nothing (nothing is sent).
 * It counts this process only, which bounds every instance and so the sum.
 *
 * @example
 * const budget = new RetryBudget();
 * budget.recordFirstAttempt();
 * if (decision.retry && budget.tryRetry()) await sleep(decision.delayMs);
 */
export class RetryBudget {
  private readonly ratio: number;
  private readonly minPerWindow: number;
  private readonly now: () => number;
  private readonly window: BucketWindow;

  constructor(options: RetryBudgetOptions = {}) {
    this.ratio = options.ratio ?? 0.2;
    this.minPerWindow = options.minPerWindow ?? 3;
    const windowMs = options.windowMs ?? 10_000;
    const buckets = options.buckets ?? 10;
    if (!(this.ratio >= 0 && this.ratio <= 10)) invalid("ratio", "a number in [0, 10]");
    if (!(Number.isSafeInteger(this.minPerWindow) && this.minPerWindow >= 0)) {
      invalid("minPerWindow", "a non-negative integer");
    }
    if (!(Number.isSafeInteger(windowMs) && windowMs >= 1)) invalid("windowMs", "a positive integer");
    if (!(Number.isSafeInteger(buckets) && buckets >= 1 && buckets <= 600)) {
      invalid("buckets", "an integer in [1, 600]");
    }
    this.now = options.now ?? Date.now;
    this.window = new BucketWindow(windowMs, buckets, 2);
  }

  /** Counts a client request's first upstream attempt: each one earns `ratio` of an extra attempt. */
  recordFirstAttempt(): void {
    this.window.add(this.now(), FIRST);
  }

  /** Spends one extra attempt if the budget allows it; false means answer with what you have. */
  tryRetry(): boolean {
    const now = this.now();
    const allowed = this.ratio * this.window.total(now, FIRST) + this.minPerWindow;
    if (this.window.total(now, EXTRA) + 1 > allowed) return false;
    this.window.add(now, EXTRA);
    return true;
  }

  /** First and extra attempts in the window now, for metrics. */
  stats(): { firstAttempts: number; extraAttempts: number } {
    const now = this.now();
    return { firstAttempts: this.window.total(now, FIRST), extraAttempts: this.window.total(now, EXTRA) };
  }
}

function invalid(field: string, what: string): never {
  throw new GatewayError("invalid_request", `Retry budget setting '${field}' must be ${what}.`, {
    param: field,
  });
}
