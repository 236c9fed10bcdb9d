/**
 * The kinds of counter a rate limit has: requests and tokens per sliding minute, and concurrent requests
 * (slots held from admit to settle, as leases that expire if their instance dies).
 */
export type CounterKind = "requests" | "tokens" | "concurrent";

/** One counter a request must fit in: its unique key, its limit and what this request costs it. */
export interface CounterSpec {
  /** Unique per limit and kind (e.g. `{ten_x}:rl_y:t`); the Redis key it lives under, after the prefix. */
  readonly key: string;
  readonly kind: CounterKind;
  /** Requests or tokens per window, or slots; a positive integer. */
  readonly limit: number;
  /** 1 for requests and concurrent slots; the reserved tokens for tokens (an integer, 0 allowed). */
  readonly cost: number;
}

/** One check of a request against every counter that applies to it. */
export interface AcquireRequest {
  /** The request id: the entry of this request in every window and its concurrency lease. */
  readonly leaseId: string;
  readonly counters: readonly CounterSpec[];
  /** The clock's time (Unix ms); Redis is given it too, so tests control time everywhere. */
  readonly now: number;
}

/** A counter as the check left it. */
export interface CounterState {
  readonly key: string;
  readonly kind: CounterKind;
  readonly limit: number;
  /** What is left in it after this check (0 at least). */
  readonly remaining: number;
  /**
   * When the counter is whole again (Unix ms): its newest entry leaves the window then. For a
   * concurrency counter the check's own time (a slot frees when a request ends, not at a time).
   */
  readonly resetAt: number;
}

/** The answer of one check: all counters consumed, or none. */
export interface RateDecision {
  readonly allowed: boolean;
  /** When refused: how long until every refusing counter could take this request (ms, 0 when allowed). */
  readonly retryAfterMs: number;
  /** Every counter of the request, in the order asked. */
  readonly counters: readonly CounterState[];
  /** When refused: the keys of the counters that refused. */
  readonly refusedBy: readonly string[];
}

/** What a request turned out to use, to settle what its check reserved. */
export interface SettleRequest {
  readonly leaseId: string;
  /** Token counters and the tokens actually used (replaces the reservation in the window). */
  readonly tokens: readonly { key: string; actual: number }[];
  /** Concurrency counters whose slot the request releases. */
  readonly concurrent: readonly string[];
  readonly now: number;
}

/**
 * The rate limiter seam, two implementations held to one conformance suite: in memory (one instance) and
 * Redis (one atomic Lua script per check, shared by every instance).
 *
 * Algorithm (both): a sliding log. A request admitted at time t counts in its requests and tokens windows
 * during [t, t + 60 s) exactly — never more than `limit` within any 60 s window — and a concurrency slot
 * is a lease until settle or until `leaseTtlMs` passes (a crashed instance's slots expire). A check is
 * all-or-nothing: when one counter refuses, no counter is consumed.
 *
 * @example
 * const d = await limiter.acquire({ leaseId: reqId, now, counters: [{ key: "k:r", kind: "requests", limit: 60, cost: 1 }] });
 * if (!d.allowed) throw new GatewayError("rate_limited", undefined, { retryAfterSeconds: Math.ceil(d.retryAfterMs / 1000) });
 */
export interface RateLimiter {
  acquire(request: AcquireRequest): Promise<RateDecision>;
  /** Settles a request's tokens to its actual use and releases its slots; idempotent. */
  settle(request: SettleRequest): Promise<void>;
  /** The counters as they stand (cost ignored), consuming nothing: what the control plane shows. */
  peek(counters: readonly CounterSpec[], now: number): Promise<CounterState[]>;
}

/** The sliding window of requests and tokens counters. */
export const RATE_WINDOW_MS = 60_000;

/** How long a concurrency slot is held without settle (longer than the default 10-minute total timeout). */
export const DEFAULT_LEASE_TTL_MS = 15 * 60_000;

/**
 * The lease of a concurrency slot for requests bounded by `totalMs`: the request's whole time and a
 * minute more, at least {@link DEFAULT_LEASE_TTL_MS}, so only a crashed instance's slots ever expire.
 *
 * @example
 * new RedisRateLimiter({ redis, leaseTtlMs: leaseTtlFor(config.timeouts.totalMs) });
 */
export function leaseTtlFor(totalMs: number): number {
  return Math.max(DEFAULT_LEASE_TTL_MS, totalMs + 60_000);
}

/** What a refused concurrency check suggests waiting: a slot frees whenever a request ends. */
export const CONCURRENCY_RETRY_MS = 1_000;
