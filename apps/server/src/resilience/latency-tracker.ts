export interface LatencyTrackerOptions {
  /** Weight of the newest sample in the moving average: higher follows changes faster, and noise too. */
  alpha?: number;
  /** An estimate not refreshed for this long is forgotten, so the deployment is measured again. */
  staleAfterMs?: number;
  /** After handing out an exploring request, wait this long for its sample before sending another. */
  exploreLeaseMs?: number;
  now?: () => number;
}

class Stat {
  ewma = 0;
  sampledAt = Number.NEGATIVE_INFINITY;
  exploringUntil = Number.NEGATIVE_INFINITY;
}

/**
 * Time to first byte per deployment, as an exponentially weighted moving average: recent behaviour counts
 * most, one slow answer does not flip the ranking. Feeds the lowest-latency strategy. Record successes
 * only: failures are the circuit breaker's business (a timeout may be recorded at its timeout value to
 * push a deployment down).
 *
 * @example
 * const latency = new LatencyTracker({ alpha: 0.3 });
 * latency.record(deploymentId, ttfbMs);
 */
export class LatencyTracker {
  private readonly stats = new Map<string, Stat>();
  private readonly alpha: number;
  private readonly staleAfterMs: number;
  private readonly exploreLeaseMs: number;
  private readonly now: () => number;

  constructor(options: LatencyTrackerOptions = {}) {
    const alpha = options.alpha ?? 0.3;
    this.alpha = alpha > 0 && alpha <= 1 ? alpha : 0.3;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.exploreLeaseMs = options.exploreLeaseMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Adds a time-to-first-byte sample. After a stale spell the sample replaces the old estimate outright. */
  record(id: string, ttfbMs: number): void {
    if (!(ttfbMs >= 0)) return;
    const now = this.now();
    let s = this.stats.get(id);
    if (s === undefined) {
      s = new Stat();
      this.stats.set(id, s);
    }
    s.ewma = this.isFresh(s, now) ? this.alpha * ttfbMs + (1 - this.alpha) * s.ewma : ttfbMs;
    s.sampledAt = now;
    s.exploringUntil = Number.NEGATIVE_INFINITY;
  }

  /** The current estimate in ms, or undefined when there is none (never measured, or stale). */
  estimate(id: string): number | undefined {
    const s = this.stats.get(id);
    return s !== undefined && this.isFresh(s, this.now()) ? s.ewma : undefined;
  }

  /** Whether the deployment needs a fresh measurement and nobody is already taking one. */
  shouldExplore(id: string): boolean {
    const s = this.stats.get(id);
    if (s === undefined) return true;
    const now = this.now();
    return !this.isFresh(s, now) && now >= s.exploringUntil;
  }

  /** Notes that a request went out to measure the deployment, so the next ones do not pile on it. */
  markExploring(id: string): void {
    let s = this.stats.get(id);
    if (s === undefined) {
      s = new Stat();
      this.stats.set(id, s);
    }
    s.exploringUntil = this.now() + this.exploreLeaseMs;
  }

  private isFresh(s: Stat, now: number): boolean {
    return now - s.sampledAt <= this.staleAfterMs;
  }
}
