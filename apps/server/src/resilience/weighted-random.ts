import type { BalanceStrategy } from "./balance-strategy.js";
import { pickLowest } from "./pick-lowest.js";

function same(): number {
  return 0;
}

/**
 * Each deployment gets a share of traffic proportional to its weight (uniform when all weights are zero):
 * the default, and the only strategy that needs no feedback from earlier requests.
 *
 * @example
 * weightedRandom(group, ctx); // weights 1 and 3: the second gets ~75% of picks
 */
export const weightedRandom: BalanceStrategy = (candidates, ctx) =>
  pickLowest(candidates, same, undefined, ctx.random);
