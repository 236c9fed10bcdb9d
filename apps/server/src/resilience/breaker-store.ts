/**
 * The stored state of a breaker. `half_open` means a probe was handed out and has not reported yet; an
 * `open` breaker whose cool-down has passed is *due* for a probe but stays `open` until someone takes it.
 */
export type StoredBreakerState = "closed" | "open" | "half_open";

/**
 * The few fields the hot path reads to decide whether a request may pass, without I/O. Times are Unix ms,
 * 0 when not applicable (numbers, not nulls, so the check is a few comparisons).
 *
 * Two independent blocks live here: the breaker's (open/half-open, from failures) and a rate-limit
 * cool-down (from a 429's Retry-After). They are kept apart because they mean different things: a 429 says
 * "not now", not "broken", so it must neither count towards opening the breaker nor reset its state.
 */
export interface BreakerGate {
  readonly state: StoredBreakerState;
  /** When an open breaker's cool-down ends and a probe may be taken. */
  readonly nextProbeAt: number;
  /** When the lease of the probe in flight ends (half-open). */
  readonly probeUntil: number;
  /** When the breaker last opened, 0 if never (or since it last closed). */
  readonly openedAt: number;
  /** Until when a rate-limit cool-down blocks the deployment, whatever `state` says; 0 for none. */
  readonly coolUntil: number;
  /** When that rate-limit cool-down began; 0 for none. */
  readonly coolSince: number;
  /**
   * When the current block began, to choose in panic mode the deployment blocked longest: `openedAt` for an
   * open or half-open breaker, `coolSince` for a cooling one, the earlier of the two when both; 0 when the
   * stored state holds no block. A gate is read without a clock, so a cool-down that ran out since the
   * last transition still counts here; `CircuitBreakers.firstBlocked` re-derives it at its instant.
   */
  readonly blockedSince: number;
}

/**
 * A breaker's full state at one instant, as a store reports it: a rate-limit cool-down that has run out
 * by then reads as none (`coolUntil`, `coolSince` 0).
 */
export interface BreakerRecord extends BreakerGate {
  consecutiveFailures: number;
  /** Failures and requests inside the sliding window at the instant of the read. */
  windowFailures: number;
  windowRequests: number;
  /** The cool-down in force: the base one, or longer after failed probes. */
  coolDownMs: number;
}

/**
 * The seam between the circuit-breaker logic and where its state lives: one process (memory) or every
 * instance behind a load balancer (Redis). Each method applies one transition atomically; `now` is passed in
 * so that clocks are injectable and every implementation agrees on time.
 * One conformance suite (circuit-breakers.conformance.test.ts) runs against each implementation.
 */
export interface BreakerStore {
  /**
   * The locally known gate of a breaker, without I/O (hot path). `undefined` means never seen: closed.
   * For a shared store this is a cached view, possibly a refresh interval old.
   */
  peek(id: string): BreakerGate | undefined;
  /** Full records, read from the source of truth (health API). Unknown ids read as fresh closed breakers. */
  read(ids: readonly string[], now: number): Promise<BreakerRecord[]>;
  /**
   * Records a successful call: resets the failure streak; closes a half-open breaker. With `panic` (the
   * call was sent to a blocked deployment because nothing else was left) the success is evidence of health:
   * it also closes an open breaker like a good probe and ends a rate-limit cool-down. Without it, an open
   * breaker ignores the answer (a late one, from before it opened).
   */
  recordSuccess(id: string, now: number, panic?: boolean): Promise<BreakerRecord>;
  /** Records a failed call: may open a closed breaker; re-opens a half-open one with a longer cool-down. */
  recordFailure(id: string, now: number): Promise<BreakerRecord>;
  /**
   * Starts a rate-limit cool-down of `ms` (clamped to the policy's `maxRateLimitCoolDownMs`; `ms <= 0`
   * changes nothing). It leaves the failure counts, the window and the breaker state alone, and never
   * shortens a cool-down in force: the later end wins.
   */
  coolDown(id: string, now: number, ms: number): Promise<BreakerRecord>;
  /**
   * Tries to take the one probe of a breaker whose cool-down has passed (or whose probe lease expired).
   * True for exactly one caller across everything sharing the store; also true if the breaker turns out
   * to be closed already (the local view was stale). False while a rate-limit cool-down is in force.
   */
  tryAcquireProbe(id: string, now: number): Promise<boolean>;
  /** Brings the local view up to date now (a no-op where there is no cache). */
  sync(): Promise<void>;
  /** Stops background work. Does not close connections the store was given. */
  close(): Promise<void>;
}
