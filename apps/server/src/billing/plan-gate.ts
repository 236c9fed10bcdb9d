import { GatewayError } from "@gatehouse/protocol";
import type { ModelPolicy } from "../data-plane/gateway-runtime.js";
import type { Admission, AdmissionControl } from "../data-plane/pipeline/admission.js";
import type { RequestScope } from "../data-plane/pipeline/request-scope.js";
import type { BillingSnapshot } from "./billing-snapshot.js";

const NOTHING: Admission = Object.freeze({ settle() {} });

/**
 * The name a plan's patterns are matched against: the catalog model that serves the request (so an alias
 * cannot smuggle in a model outside the plan), or the requested name when a wildcard model serves it.
 */
export function planModelName(route: NonNullable<RequestScope["route"]>): string {
  return route.model.name.includes("*") ? route.requestedName : route.model.name;
}

/**
 * The plan as a model policy (GatewayRuntime.modelPolicy): whether the tenant may be served by a route's
 * model. Fallback models outside the plan are skipped with it, so a fallback cannot reach them either.
 *
 * @example
 * runtime.modelPolicy = planPolicy(snapshot);
 */
export function planPolicy(snapshot: BillingSnapshot): ModelPolicy {
  return (tenantId, route) => {
    const plan = snapshot.planOf(tenantId);
    return plan === undefined || plan.allows(planModelName(route));
  };
}

/**
 * Refuses a request for a model outside its tenant's plan with 403 `model_not_in_plan`, before any
 * upstream call. A tenant without a plan, and operations without a model (model lists), pass. Reads only
 * the in-memory snapshot.
 *
 * @example
 * const admission = composeAdmission([planGate(snapshot), creditGate(...)]);
 */
export function planGate(snapshot: BillingSnapshot): AdmissionControl {
  return {
    admit(scope) {
      if (!scope.route) return NOTHING;
      const plan = snapshot.planOf(scope.principal.tenantId);
      if (!plan) return NOTHING;
      const name = planModelName(scope.route);
      if (plan.allows(name)) return NOTHING;
      throw new GatewayError(
        "model_not_in_plan",
        `The model '${name}' is not included in the plan '${plan.plan.name}'.`,
      );
    },
  };
}
