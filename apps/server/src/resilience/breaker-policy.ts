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
}

/** The defaults of the issue: 5 in a row, or 50% of at least 10 over 30 s; 30 s cool-down, doubling to 5 min. */
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
});

const INTEGER_FIELDS = [
  "consecutiveFailures",
  "minRequests",
  "windowMs",
  "windowBuckets",
  "coolDownMs",
  "maxCoolDownMs",
  "probeLeaseMs",
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

function invalid(field: string, what: string): never {
  throw new GatewayError("invalid_request", `Circuit breaker setting '${field}' must be ${what}.`, {
    param: field,
  });
}
