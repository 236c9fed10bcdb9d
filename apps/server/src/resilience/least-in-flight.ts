import type { BalanceStrategy } from "./balance-strategy.js";
import type { InFlightTracker } from "./in-flight-tracker.js";
import { pickLowest } from "./pick-lowest.js";

function inFlightOf(c: { deployment: { id: string } }, tracker: InFlightTracker): number {
  return tracker.get(c.deployment.id);
}

/**
 * The deployment with the fewest requests in flight from this instance; ties go by weight, at random.
 * Suits deployments of uneven speed: a slow one holds its requests longer and so is picked less.
 *
 * @example
 * leastInFlight(group, ctx); // in flight 3, 0, 0 with weights 1, 1, 3: the third 75% of the time
 */
export const leastInFlight: BalanceStrategy = (candidates, ctx) =>
  pickLowest(candidates, inFlightOf, ctx.inFlight, ctx.random);
