import { blockedSince } from "./blocked-since.js";
import type { BreakerGate, BreakerRecord, BreakerStore } from "./breaker-store.js";

/** A breaker as the health API shows it. Times are Unix ms. */
export interface BreakerSnapshot {
  deploymentId: string;
  /**
   * `half_open` covers both "cool-down over, probe due" and "probe in flight". `open` also while a
   * rate-limit cool-down is in force, whatever the breaker's own state (see `coolingUntil`).
   */
  state: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  windowFailures: number;
  windowRequests: number;
  openedAt: number | null;
  /** When the next probe may go (open), or when the probe in flight loses its lease (half-open). */
  nextProbeAt: number | null;
  coolDownMs: number;
  /** When the rate-limit cool-down in force (from a 429's Retry-After) ends; null when none is. */
  coolingUntil: number | null;
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

/** How an outcome was obtained. */
export interface OutcomeOptions {
  /** The call went to a blocked deployment because every one the request could reach was blocked. */
  panic?: boolean;
}

// Settled promises are immutable: sharing them keeps the common answers allocation-free.
const PASS = Promise.resolve(true);
const BLOCK = Promise.resolve(false);
const DONE = Promise.resolve();

/**
 * One circuit breaker per deployment, over a {@link BreakerStore} (memory or Redis). The forwarder asks
 * before each upstream attempt and reports each outcome, so a deployment that keeps failing stops getting
 * traffic until a single probe, after a cool-down, shows it healthy again.
 *
 * Breakers steer traffic; they never manufacture an outage. A deployment is *blocked* while its breaker is
 * open (cooling down, or its probe out) or while a rate-limit cool-down from a 429 is in force. When every
 * deployment a request can reach is blocked, the forwarder still sends it (panic mode, as Envoy's panic
 * threshold) to {@link firstBlocked}, and reports the outcome with `{ panic: true }`.
 *
 * How the forwarder should use it: drop candidates for which {@link isOpen} is true (no side effect), let
 * the balancer pick among the rest, then call {@link canPass} on the one picked — it may take the probe,
 * or lose the probe to another caller, in which case pick again without it. Whoever gets `true` must
 * report `onSuccess`, `onFailure` or `coolDown` (a probe that never reports blocks the deployment for the
 * probe lease). Nothing left: panic mode, as above.
 *
 * @example
 * const breakers = new CircuitBreakers(new MemoryBreakerStore());
 * if (await breakers.canPass(id)) {
 *   try { await send(); void breakers.onSuccess(id); } catch (e) { void breakers.onFailure(id); throw e; }
 * }
 * // Everything blocked: send to the deployment blocked longest anyway.
 * const target = breakers.firstBlocked(candidates, (c) => c.deployment.id);
 * // ...and on success: void breakers.onSuccess(target.deployment.id, { panic: true });
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
   * Whether the deployment is blocked right now: its breaker is cooling down or has its probe out, or a
   * rate-limit cool-down is in force. Such a deployment gets no ordinary request (panic mode aside).
   * Synchronous and side-effect free: for filtering candidates before balancing.
   */
  isOpen(id: string): boolean {
    const g = this.store.peek(id);
    // The common case, a healthy deployment, answers without reading the clock.
    if (g === undefined || (g.state === "closed" && g.coolUntil === 0)) return false;
    return isBlocked(g, this.now());
  }

  /**
   * Whether a request may go to the deployment now. Closed and not rate-limited: yes, from local state.
   * Blocked: no. Cool-down over: yes for the one caller that takes the probe (for a shared store, the
   * only case that waits on Redis, once per cool-down).
   */
  canPass(id: string): Promise<boolean> {
    const g = this.store.peek(id);
    if (g === undefined || (g.state === "closed" && g.coolUntil === 0)) return PASS;
    const now = this.now();
    if (now < g.coolUntil) return BLOCK;
    if (g.state === "closed") return PASS;
    if (now < (g.state === "open" ? g.nextProbeAt : g.probeUntil)) return BLOCK;
    return this.store.tryAcquireProbe(id, now);
  }

  /**
   * The panic-mode choice: of the items whose deployment is blocked now, the one whose block began first
   * (the longest without traffic, so the likeliest to have recovered; ties go to the earlier item).
   * Items not blocked are skipped — they are not for panic mode — so `undefined` means none is blocked.
   * Synchronous, from local state (for a shared store, a view up to one refresh old).
   *
   * @example
   * const target = breakers.firstBlocked(candidates, (c) => c.deployment.id);
   */
  firstBlocked<T>(items: readonly T[], idOf: (item: T) => string): T | undefined {
    const now = this.now();
    let first: T | undefined;
    let firstSince = Number.POSITIVE_INFINITY;
    for (const item of items) {
      const g = this.store.peek(idOf(item));
      if (g === undefined || !isBlocked(g, now)) continue;
      const since = blockedSinceAt(g, now);
      if (since < firstSince) {
        first = item;
        firstSince = since;
      }
    }
    return first;
  }

  /**
   * Reports a successful upstream call. With `panic` (the call went to a blocked deployment) the success
   * closes the breaker like a good probe and ends a rate-limit cool-down: the deployment has shown it
   * works, and keeping it blocked would only push traffic into panic mode again. Without it, an open
   * breaker ignores the answer (a late one). Never rejects, so the caller may fire and forget.
   */
  onSuccess(id: string, options?: OutcomeOptions): Promise<void> {
    return this.store.recordSuccess(id, this.now(), options?.panic === true).then(noop, this.report);
  }

  /**
   * Reports a failed upstream call (5xx, timeout, connection error — not a client's 4xx, and not a 429,
   * which is {@link coolDown}'s). Ignored while the breaker is open, panic calls included, so that they
   * never lengthen its cool-down. Never rejects.
   */
  onFailure(id: string): Promise<void> {
    return this.store.recordFailure(id, this.now()).then(noop, this.report);
  }

  /**
   * Reports a 429: blocks the deployment for `ms` (its Retry-After, capped by the policy's
   * `maxRateLimitCoolDownMs`; `ms <= 0` does nothing) without counting a failure — a rate limit is not a
   * fault, and must not open the breaker of a deployment that is merely busy. A longer cool-down in force
   * is kept. Never rejects; a store error goes to `onError`.
   */
  coolDown(id: string, ms: number): Promise<void> {
    if (!(ms > 0)) return DONE;
    return this.store.coolDown(id, this.now(), ms).then(noop, this.report);
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

function isBlocked(g: BreakerGate, now: number): boolean {
  if (now < g.coolUntil) return true;
  if (g.state === "closed") return false;
  return now < (g.state === "open" ? g.nextProbeAt : g.probeUntil);
}

/** `g.blockedSince` as of `now`: a cool-down that ran out since the last transition no longer counts. */
function blockedSinceAt(g: BreakerGate, now: number): number {
  return now < g.coolUntil ? g.blockedSince : blockedSince(g.state, g.openedAt, 0);
}

function localSnapshot(deploymentId: string, g: BreakerGate | undefined, now: number): BreakerSnapshot {
  let state: BreakerSnapshot["state"] = g?.state ?? "closed";
  if (g?.state === "open" && now >= g.nextProbeAt) state = "half_open";
  const cooling = g !== undefined && now < g.coolUntil;
  return {
    deploymentId,
    state: cooling ? "open" : state,
    consecutiveFailures: 0,
    windowFailures: 0,
    windowRequests: 0,
    openedAt: null,
    nextProbeAt: (g?.state === "half_open" ? g.probeUntil : g?.nextProbeAt) || null,
    coolDownMs: 0,
    coolingUntil: cooling ? g.coolUntil : null,
    degraded: true,
  };
}

function noop(): void {}

function toSnapshot(deploymentId: string, r: BreakerRecord, now: number): BreakerSnapshot {
  const probeDue = r.state === "open" && now >= r.nextProbeAt;
  const cooling = now < r.coolUntil;
  return {
    deploymentId,
    state: cooling ? "open" : probeDue ? "half_open" : r.state,
    consecutiveFailures: r.consecutiveFailures,
    windowFailures: r.windowFailures,
    windowRequests: r.windowRequests,
    openedAt: r.openedAt || null,
    nextProbeAt: (r.state === "half_open" ? r.probeUntil : r.nextProbeAt) || null,
    coolDownMs: r.coolDownMs,
    coolingUntil: cooling ? r.coolUntil : null,
  };
}
