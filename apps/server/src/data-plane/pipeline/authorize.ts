import { GatewayError } from "@gatehouse/protocol";
import type { Principal } from "../../domain/principal.js";
import type { ModelCatalog, Route } from "../../routing/model-catalog.js";

/**
 * Step "authorize": may this principal use this model? Today a key may use every model of its tenant
 * that has a reachable deployment; per-key, per-workspace and per-plan allow-lists join here with the
 * tenancy work. A model of another tenant is answered exactly like a model that does not exist (404), so
 * a caller cannot probe other tenants' catalogs.
 *
 * @example
 * const route = authorize(scope.catalog, principal, "gpt-4o"); // throws model_not_found
 */
export function authorize(catalog: ModelCatalog, principal: Principal, model: string): Route {
  const route = catalog.resolve(principal.tenantId, model);
  if (route === undefined) {
    throw new GatewayError(
      "model_not_found",
      `The model '${model}' does not exist or you do not have access to it.`,
      { param: "model" },
    );
  }
  return route;
}
