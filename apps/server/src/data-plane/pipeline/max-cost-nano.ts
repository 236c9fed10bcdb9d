import { maxSheetCost } from "../../metering/max-sheet-cost.js";
import type { PriceCatalog } from "../../metering/pricing/price-catalog.js";
import { priceOfCandidate } from "./price-of-candidate.js";
import type { RequestScope } from "./request-scope.js";

/** The output cap assumed when neither the request nor the model sets one. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/**
 * The largest cost a request can have, in nano-USD, for a budget reservation made in the admit step:
 * `scope.estimate.promptTokens` at the highest input-side price and its output cap (maxOutputTokensOf) at the highest output-side price, over every
 * deployment of the requested route, with the tenant's markup, rounded up. An unpriced deployment counts
 * 0 (with `unpricedModels: "refuse"` the pricing gate refused it already). Fallback models are not
 * included: a fallback that costs more settles above the reservation.
 *
 * @example
 * const hold = maxCostNano(scope, rt.prices); // reserve `hold`, settle with the actual cost
 */
export function maxCostNano(scope: RequestScope, prices: PriceCatalog): number {
  const route = scope.route;
  if (!route) return 0;
  const markup = scope.catalog.pricingOf(scope.principal.tenantId).settings.markupBps;
  const maxOut = maxOutputTokensOf(scope);
  let max = 0n;
  for (const group of route.groups) {
    for (const candidate of group) {
      const price = priceOfCandidate(prices, scope, route, candidate);
      if (!price) continue;
      const cost = maxSheetCost(price.sheet, scope.estimate.promptTokens, maxOut, markup);
      if (cost > max) max = cost;
    }
  }
  return Number(max);
}

const MILLION = 1_000_000n;

/**
 * The largest number of output tokens a request may produce: its own cap, else the model's, else 4096;
 * 0 for embeddings (they produce no tokens).
 *
 * @example
 * maxOutputTokensOf(scope); // 256 for a chat request with max_tokens: 256
 */
export function maxOutputTokensOf(scope: Pick<RequestScope, "operation" | "estimate" | "route">): number {
  if (scope.operation === "embeddings") return 0;
  return scope.estimate.maxOutputTokens ?? scope.route?.model.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
}

/**
 * The most a request can cost at its route model's prices, in nano-USD, rounded up: prompt tokens ×
 * input price + the output cap × output price, per million tokens (BigInt: the products pass 2^53).
 * The budget gate reserves this before the upstream call; the prices helper may inject a finer one.
 *
 * @example
 * // 1000 prompt tokens at $2.50/M, max_tokens 500 at $10/M: 7_500_000 nano-USD ($0.0075)
 * defaultMaxCostNano(scope);
 */
export function defaultMaxCostNano(scope: Pick<RequestScope, "operation" | "estimate" | "route">): number {
  const model = scope.route?.model;
  if (model === undefined) return 0;
  const total =
    BigInt(scope.estimate.promptTokens) * BigInt(model.inputPricePerMTok) +
    BigInt(maxOutputTokensOf(scope)) * BigInt(model.outputPricePerMTok);
  return Number((total + MILLION - 1n) / MILLION);
}
