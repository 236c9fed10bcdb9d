import { GatewayError } from "@gatehouse/protocol";
import type { PriceCatalog } from "../../metering/pricing/price-catalog.js";
import type { Admission, AdmissionControl } from "./admission.js";
import { priceOfCandidate } from "./price-of-candidate.js";

const NOTHING_HELD: Admission = Object.freeze({ settle() {} });

/**
 * The gate of a tenant's `unpricedModels: "refuse"` setting: a request whose route has a deployment with
 * no price (no price book entry, no model price, nothing in the shipped catalog for its upstream model)
 * is refused with 403 `model_not_priced` before any upstream call. With the default `"record"` it admits
 * everything (the meter records such usage `unpriced` and logs a warning). Reads only the request's
 * catalog snapshot: no I/O. Holds nothing.
 *
 * @example
 * createApp({ ...deps, admission: composeAdmission([createPricingAdmission(prices), budgetGate]) });
 */
export function createPricingAdmission(prices: PriceCatalog): AdmissionControl {
  return {
    admit(scope) {
      const route = scope.route;
      if (!route) return NOTHING_HELD;
      const pricing = scope.catalog.pricingOf(scope.principal.tenantId);
      if (pricing.settings.unpricedModels !== "refuse") return NOTHING_HELD;
      for (const group of route.groups)
        for (const candidate of group)
          if (!priceOfCandidate(prices, scope, route, candidate))
            throw new GatewayError(
              "model_not_priced",
              `Model "${route.requestedName}" has no price (upstream "${candidate.upstreamModel}"), and this tenant refuses unpriced models.`,
            );
      return NOTHING_HELD;
    },
  };
}
