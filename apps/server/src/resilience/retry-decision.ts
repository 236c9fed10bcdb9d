import type { GatewayError } from "@gatehouse/protocol";
import { type BackoffOptions, backoffDelay } from "./backoff-delay.js";
import { isDeploymentFailure } from "./is-deployment-failure.js";

export interface RetryPolicy {
  /** Attempts on one deployment, the first included; then fall back. */
  maxAttempts: number;
  /** A Retry-After longer than this is not waited for: fall back, or answer 429 with Retry-After. */
  retryAfterCapMs: number;
  /** Backoff when the upstream gave no Retry-After; defaults to 250 ms doubling up to 4 s. */
  backoff?: BackoffOptions;
  /** Whether a content-policy refusal may be retried on a fallback model (the model's configuration). */
  fallbackOnContentFilter?: boolean;
}

/**
 * Why an attempt is not retried on the same deployment:
 * - `not_retryable`: the request itself is at fault (400/401/403/404/413/422 class); nobody else will
 *   answer it differently, so no fallback either.
 * - `attempts_exhausted`: the deployment keeps failing; fall back.
 * - `retry_after_too_long`: the upstream asked for a longer pause than the cap; fall back, or answer 429
 *   with the upstream's Retry-After when there is nothing to fall back to.
 * - `context_window_exceeded`: fall back only to a model with a larger context window.
 * - `content_filtered`: fall back only when configured (`fallback` says which).
 */
export type NoRetryReason =
  | "not_retryable"
  | "attempts_exhausted"
  | "retry_after_too_long"
  | "context_window_exceeded"
  | "content_filtered";

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; fallback: boolean; reason: NoRetryReason };

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 4_000 };

// The refusals are constants: a storm of failures decides without allocating.
const NOT_RETRYABLE = Object.freeze({ retry: false, fallback: false, reason: "not_retryable" } as const);
const EXHAUSTED = Object.freeze({ retry: false, fallback: true, reason: "attempts_exhausted" } as const);
const TOO_LONG = Object.freeze({ retry: false, fallback: true, reason: "retry_after_too_long" } as const);
const CONTEXT = Object.freeze({ retry: false, fallback: true, reason: "context_window_exceeded" } as const);
const FILTERED = Object.freeze({ retry: false, fallback: false, reason: "content_filtered" } as const);
const FILTERED_FALLBACK = Object.freeze({
  retry: false,
  fallback: true,
  reason: "content_filtered",
} as const);

/**
 * What to do after an upstream attempt failed, before any byte reached the client (afterwards nothing may
 * be retried: DESIGN.md invariant 4 — the caller must not ask). Deployment failures (5xx, 429, timeouts,
 * connection errors) are retried with backoff, or after the upstream's Retry-After when it sent one, until
 * `maxAttempts`; client errors never are. A `retry: true` still needs the retry budget's consent.
 *
 * @param attempt attempts made on this deployment so far, the failed one included (1 after the first)
 * @param random a uniform draw in [0, 1) for the jitter, injectable for tests
 * @example
 * const d = retryDecision(err, 1, { maxAttempts: 2, retryAfterCapMs: 10_000 });
 * if (d.retry && budget.tryRetry()) await sleep(d.delayMs);
 * else if (!d.retry && d.fallback) tryNextDeployment();
 */
export function retryDecision(
  err: GatewayError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (err.code === "context_length_exceeded") return CONTEXT;
  if (err.code === "content_filtered") return policy.fallbackOnContentFilter ? FILTERED_FALLBACK : FILTERED;
  if (!isDeploymentFailure(err)) return NOT_RETRYABLE;
  const retryAfterSeconds = err.details.retryAfterSeconds;
  if (retryAfterSeconds !== undefined && retryAfterSeconds * 1000 > policy.retryAfterCapMs) return TOO_LONG;
  if (attempt >= policy.maxAttempts) return EXHAUSTED;
  const delayMs =
    retryAfterSeconds !== undefined
      ? Math.max(0, retryAfterSeconds * 1000)
      : backoffDelay(attempt, policy.backoff ?? DEFAULT_BACKOFF, random);
  return { retry: true, delayMs };
}
