import type { GatewayMetrics } from "./gateway-metrics.js";

/** What the rate-limit gate reports of one check (structurally its LimitDecisionEvent). */
export interface LimitCheck {
  readonly allowed: boolean;
  readonly refusedKinds: readonly string[];
}

const LIMITER_OF: Readonly<Record<string, string>> = {
  requests: "rpm",
  tokens: "tpm",
  concurrent: "concurrency",
};

/**
 * Counts a rate-limit check in the limiter-decision metric: one "allowed" for a check that passed (or
 * failed open), one "refused" per kind of counter that refused.
 *
 * @example
 * createRateLimitGate({ ..., onDecision: (e) => reportLimitDecision(metrics, e) });
 */
export function reportLimitDecision(metrics: GatewayMetrics, check: LimitCheck): void {
  if (check.allowed) {
    metrics.onDecision({ limiter: "rate_limits", decision: "allowed" });
    return;
  }
  for (const kind of check.refusedKinds)
    metrics.onDecision({ limiter: LIMITER_OF[kind] ?? "rate_limits", decision: "refused" });
}
