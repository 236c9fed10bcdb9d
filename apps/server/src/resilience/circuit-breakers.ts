import type { BreakerGate, BreakerRecord, BreakerStore } from "./breaker-store.js";

/** A breaker as the health API shows it. Times are Unix ms. */
export interface BreakerSnapshot {
  deploymentId: string;
  /** `half_open` covers both "cool-down over, probe due" and "probe in flight". */
  state: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  windowFailures: number;
  windowRequests: number;
  openedAt: number | null;
  /** When the next probe may go (open), or when the probe in flight loses its lease (half-open). */
  nextProbeAt: number | null;
  coolDownMs: number;
  /**
   * Set when the shared store could not be read (Redis unreachable): the state is this instance's cached
   * view, and the counts and times are unknown (0 / null).
   */
  degraded?: true;
}

export interface CircuitBreakersOptions {
  now?: () => number;
  /** Told when recording an outcome fails (a Redis outage); the request itself is never failed for it. */
  onError?: (err: unknown) => void;
}

// Settled promises are immutable: sharing them keeps the common answers allocation-free.
const PASS = Promise.resolve(true);
const BLOCK = Promise.resolve(false);

/**
 * One circuit breaker per deployment, over a {@link BreakerStore} (memory or Redis). The forwarder asks
 * before each upstream attempt and reports each outcome, so a deployment that keeps failing stops getting
 * traffic until a single probe, after a cool-down, shows it healthy again.
 *
 * How the forwarder should use it: drop candidates for which {@link isOpen} is true (no side effect), let
 * the balancer pick among the rest, then call {@link canPass} on the one picked — it may take the probe,
 * or lose the probe to another caller, in which case pick again without it. Whoever gets `true` must
 * report `onSuccess` or `onFailure` (a probe that never reports blocks the deployment for the probe lease).
 *
 * @example
 * const breakers = new CircuitBreakers(new MemoryBreakerStore());
 * if (await breakers.canPass(id)) {
 *   try { await send(); void breakers.onSuccess(id); } catch (e) { void breakers.onFailure(id); throw e; }
 * }
 */
export class CircuitBreakers {
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;
  /** Reports and swallows, returning nothing whatever `onError` returns. */
  private readonly report = (err: unknown): void => {
    this.onError(err);
  };

  constructor(
    private readonly store: BreakerStore,
    options: CircuitBreakersOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => {});
  }

  /**
   * Whether the deployment certainly gets no request right now (cooling down, or its probe is out).
   * Synchronous and side-effect free: for filtering candidates before balancing.
   */
  isOpen(id: string): boolean {
    const g = this.store.peek(id);
    if (g === undefined || g.state === "closed") return false;
    return this.now() < (g.state === "open" ? g.nextProbeAt : g.probeUntil);
  }

  /**
   * Whether a request may go to the deployment now. Closed: yes, from local state. Open and cooling down:
   * no. Cool-down over: yes for the one caller that takes the probe (for a shared store, the only case
   * that waits on Redis, once per cool-down).
   */
  canPass(id: string): Promise<boolean> {
    const g = this.store.peek(id);
    if (g === undefined || g.state === "closed") return PASS;
    const now = this.now();
    if (now < (g.state === "open" ? g.nextProbeAt : g.probeUntil)) return BLOCK;
    return this.store.tryAcquireProbe(id, now);
  }

  /** Reports a successful upstream call. Never rejects, so the caller may fire and forget. */
  onSuccess(id: string): Promise<void> {
    return this.store.recordSuccess(id, this.now()).then(noop, this.report);
  }

  /** Reports a failed upstream call (5xx, 429, timeout, connection error — not a client's 4xx). */
  onFailure(id: string): Promise<void> {
    return this.store.recordFailure(id, this.now()).then(noop, this.report);
  }

  /**
   * The breakers of the given deployments, from the source of truth, for the health API. When that
   * cannot be read, this instance's cached view, marked `degraded` (a health page must not fail with
   * the store it reports on).
   */
  async snapshot(ids: readonly string[]): Promise<BreakerSnapshot[]> {
    const now = this.now();
    try {
      const records = await this.store.read(ids, now);
      return records.map((r, i) => toSnapshot(ids[i]!, r, now));
    } catch (err) {
      this.onError(err);
      return ids.map((id) => localSnapshot(id, this.store.peek(id), now));
    }
  }
}

function localSnapshot(deploymentId: string, g: BreakerGate | undefined, now: number): BreakerSnapshot {
  let state: BreakerSnapshot["state"] = g?.state ?? "closed";
  if (g?.state === "open" && now >= g.nextProbeAt) state = "half_open";
  return {
    deploymentId,
    state,
    consecutiveFailures: 0,
    windowFailures: 0,
    windowRequests: 0,
    openedAt: null,
    nextProbeAt: (g?.state === "half_open" ? g.probeUntil : g?.nextProbeAt) || null,
    coolDownMs: 0,
    degraded: true,
  };
}

function noop(): void {}

function toSnapshot(deploymentId: string, r: BreakerRecord, now: number): BreakerSnapshot {
  const probeDue = r.state === "open" && now >= r.nextProbeAt;
  return {
    deploymentId,
    state: probeDue ? "half_open" : r.state,
    consecutiveFailures: r.consecutiveFailures,
    windowFailures: r.windowFailures,
    windowRequests: r.windowRequests,
    openedAt: r.openedAt || null,
    nextProbeAt: (r.state === "half_open" ? r.probeUntil : r.nextProbeAt) || null,
    coolDownMs: r.coolDownMs,
  };
}
