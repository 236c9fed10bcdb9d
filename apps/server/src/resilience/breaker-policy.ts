import { GatewayError } from "@gatehouse/protocol";

/**
 * When a deployment's circuit breaker opens and how it recovers. Every instance sharing a Redis should use
 * the same policy: the Redis store applies the policy of whichever instance records the outcome.
 */
export interface BreakerPolicy {
  /** Opens after this many failures in a row (a dead upstream trips fast even with little traffic). */
  consecutiveFailures: number;
  /** Opens when failures / requests in the window reach this ratio (a flaky upstream trips too)... */
  failureRate: number;
  /** ...but only once the window holds this many requests, so two failures out of three do not trip it. */
  minRequests: number;
  /** The sliding window of the failure rate. */
  windowMs: number;
  /** Buckets of the window: more is finer, fewer is cheaper (the Redis hash holds 3 fields per bucket). */
  windowBuckets: number;
  /** How long an opened breaker rejects traffic before one probe may test the deployment. */
  coolDownMs: number;
  /** Each failed probe multiplies the cool-down by this (1 keeps it fixed)... */
  coolDownMultiplier: number;
  /** ...up to this. */
  maxCoolDownMs: number;
  /**
   * How long a probe holder has to report. A probe whose caller crashed or never reported would otherwise
   * keep the breaker half-open forever; after the lease another caller may probe.
   */
  probeLeaseMs: number;
  /**
   * The longest rate-limit cool-down a 429 may impose (its Retry-After is clamped to this). A 429 says
   * "not now", not "broken", so it pauses the deployment instead of counting as a failure; the cap keeps a
   * hostile or mistaken `Retry-After: 86400` from taking a deployment out for a day.
   */
  maxRateLimitCoolDownMs: number;
}

/**
 * The defaults of the issue: 5 in a row, or 50% of at least 10 over 30 s; 30 s cool-down, doubling to 5 min;
 * a 429 pauses a deployment for its Retry-After, at most a minute.
 */
export const DEFAULT_BREAKER_POLICY: Readonly<BreakerPolicy> = Object.freeze({
  consecutiveFailures: 5,
  failureRate: 0.5,
  minRequests: 10,
  windowMs: 30_000,
  windowBuckets: 10,
  coolDownMs: 30_000,
  coolDownMultiplier: 2,
  maxCoolDownMs: 300_000,
  probeLeaseMs: 60_000,
  maxRateLimitCoolDownMs: 60_000,
});

const INTEGER_FIELDS = [
  "consecutiveFailures",
  "minRequests",
  "windowMs",
  "windowBuckets",
  "coolDownMs",
  "maxCoolDownMs",
  "probeLeaseMs",
  "maxRateLimitCoolDownMs",
] as const;

/**
 * Fills a partial policy with the defaults and checks it, so that a bad configuration is refused where it
 * is loaded rather than producing a breaker that never opens (or never closes).
 *
 * @example
 * const policy = resolveBreakerPolicy({ consecutiveFailures: 3 });
 */
export function resolveBreakerPolicy(partial: Partial<BreakerPolicy> = {}): Readonly<BreakerPolicy> {
  const p: BreakerPolicy = { ...DEFAULT_BREAKER_POLICY };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined && Object.hasOwn(p, k)) p[k as keyof BreakerPolicy] = v;
  }
  for (const k of INTEGER_FIELDS) {
    if (!Number.isSafeInteger(p[k]) || p[k] < 1) invalid(k, "a positive integer");
  }
  if (!(p.failureRate > 0 && p.failureRate <= 1)) invalid("failureRate", "a number in (0, 1]");
  if (!(p.coolDownMultiplier >= 1 && p.coolDownMultiplier <= 100)) {
    invalid("coolDownMultiplier", "a number in [1, 100]");
  }
  if (p.maxCoolDownMs < p.coolDownMs) invalid("maxCoolDownMs", "at least coolDownMs");
  if (p.windowBuckets > 60) invalid("windowBuckets", "at most 60");
  return Object.freeze(p);
}

/**
 * The rate-limit cool-down a 429 asking for `ms` gets under the policy: rounded up to a whole millisecond
 * and capped at `maxRateLimitCoolDownMs`; 0 (no cool-down) for anything not positive, NaN included, so a
 * garbled Retry-After can never block a deployment.
 *
 * @example
 * rateLimitCoolDownMs(DEFAULT_BREAKER_POLICY, 5_000.5); // 5_001
 * rateLimitCoolDownMs(DEFAULT_BREAKER_POLICY, 3_600_000); // 60_000
 */
export function rateLimitCoolDownMs(policy: Readonly<BreakerPolicy>, ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(policy.maxRateLimitCoolDownMs, Math.ceil(ms));
}

function invalid(field: string, what: string): never {
  throw new GatewayError("invalid_request", `Circuit breaker setting '${field}' must be ${what}.`, {
    param: field,
  });
}
