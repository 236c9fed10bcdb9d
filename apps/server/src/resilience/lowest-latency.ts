import type { BalanceStrategy } from "./balance-strategy.js";
import type { LatencyTracker } from "./latency-tracker.js";
import { pickLowest } from "./pick-lowest.js";

function estimateOf(c: { deployment: { id: string } }, tracker: LatencyTracker): number {
  return tracker.estimate(c.deployment.id) ?? Number.POSITIVE_INFINITY;
}

/**
 * The deployment with the lowest time to first byte (EWMA), after exploring: a deployment with no
 * estimate — never measured, or not measured for `staleAfterMs` — gets the next request, one explorer at
 * a time. That is how a deployment that was slow and then recovered wins its traffic back: once it has
 * gone unpicked long enough, its old estimate is forgotten, one request measures it afresh, and the new
 * sample replaces (not blends into) the estimate. While an explorer is out, others go by estimate.
 *
 * @example
 * lowestLatency(group, ctx); // estimates 300 ms and 120 ms: the second, every time until one goes stale
 */
export const lowestLatency: BalanceStrategy = (candidates, ctx) => {
  const tracker = ctx.latency;
  for (const c of candidates) {
    if (tracker.shouldExplore(c.deployment.id)) {
      tracker.markExploring(c.deployment.id);
      return c;
    }
  }
  return pickLowest(candidates, estimateOf, tracker, ctx.random);
};
