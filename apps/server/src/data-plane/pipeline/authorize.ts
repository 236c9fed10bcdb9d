import { GatewayError } from "@gatehouse/protocol";
import type { Principal } from "../../domain/principal.js";
import type { ModelCatalog, Route } from "../../routing/model-catalog.js";

/**
 * Step "authorize": may this principal use this model? A key may use the models of its tenant that have a
 * reachable deployment and that its own and its workspace's allow-lists admit. A model of another tenant is answered exactly like a model that does not exist (404), so
 * a caller cannot probe other tenants' catalogs.
 *
 * @example
 * const route = authorize(scope.catalog, principal, "gpt-4o"); // throws model_not_found
 */
export function authorize(catalog: ModelCatalog, principal: Principal, model: string): Route {
  const route = catalog.resolve(principal.tenantId, model);
  // A model outside the key's or workspace's allow-list answers like one that does not exist, as OpenAI
  // does for models an account cannot use. An alias is allowed when its canonical name is, and vice versa.
  if (route === undefined || !(principal.allowsModel(model) || principal.allowsModel(route.model.name))) {
    throw new GatewayError(
      "model_not_found",
      `The model '${model}' does not exist or you do not have access to it.`,
      { param: "model" },
    );
  }
  return route;
}
