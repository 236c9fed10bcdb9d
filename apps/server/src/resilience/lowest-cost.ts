import type { Balanceable, BalanceContext, BalanceStrategy } from "./balance-strategy.js";
import { pickLowest } from "./pick-lowest.js";

function priceOf<T extends Balanceable>(c: T, ctx: BalanceContext<T>): number {
  const p = ctx.price(c);
  return Number.isNaN(p) ? Number.POSITIVE_INFINITY : p; // unknown price: only when nothing else is left
}

/**
 * The cheapest deployment by the context's price function (say, the model's or the deployment's input +
 * output price per million tokens); equally cheap ones share by weight.
 *
 * @example
 * lowestCost(group, { ...ctx, price: (c) => pricePerMTok.get(c.deployment.id) ?? Number.NaN });
 */
export const lowestCost: BalanceStrategy = (candidates, ctx) =>
  pickLowest(candidates, priceOf, ctx, ctx.random);
