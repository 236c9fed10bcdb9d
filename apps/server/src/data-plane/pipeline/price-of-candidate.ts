import type { PriceCatalog } from "../../metering/pricing/price-catalog.js";
import { type ResolvedPrice, resolvePrice } from "../../metering/resolve-price.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import type { RequestScope } from "./request-scope.js";

/**
 * The price a request would pay if `candidate` (a deployment of `route`) served it: the tenant's price
 * book from the request's catalog snapshot, the model's prices, the shipped catalog at the request's
 * start (resolvePrice). Undefined = unpriced.
 *
 * @example
 * const price = priceOfCandidate(rt.prices, scope, route, route.groups[0][0]);
 */
export function priceOfCandidate(
  prices: PriceCatalog,
  scope: RequestScope,
  route: Route,
  candidate: Candidate,
): ResolvedPrice | undefined {
  return resolvePrice(prices, {
    pricing: scope.catalog.pricingOf(scope.principal.tenantId),
    modelNames: [route.requestedName, route.model.name],
    model: route.model,
    kind: candidate.target.kind,
    upstreamModel: candidate.upstreamModel,
    at: scope.startedAt,
  });
}
