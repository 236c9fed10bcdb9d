import type { Principal } from "../../../domain/principal.js";
import type { RequestOverrides } from "../../../resilience/read-request-overrides.js";
import type { GatewayRuntime } from "../../gateway-runtime.js";
import type { OperationName, RequestScope, SurfaceName } from "../request-scope.js";

export interface ScopeOptions {
  surface?: SurfaceName;
  operation?: OperationName;
  stream?: boolean;
  overrides?: RequestOverrides;
  url?: string;
}

/**
 * The scope of a request for `model` as the pipeline builds it after authorize: the route resolved in the
 * principal's tenant from the runtime's catalog (throws when the model is unknown: a test's mistake).
 */
export function scopeFor(
  rt: GatewayRuntime,
  principal: Principal,
  model: string,
  options: ScopeOptions = {},
): RequestScope {
  const route = rt.catalog.resolve(principal.tenantId, model);
  if (route === undefined) throw new Error(`scopeFor: no model '${model}' in the catalog`);
  return {
    id: rt.newId(),
    surface: options.surface ?? "openai",
    operation: options.operation ?? "chat",
    method: "POST",
    url: options.url ?? "/v1/chat/completions",
    startedAt: rt.now(),
    principal,
    catalog: rt.catalog,
    requestedModel: model,
    route,
    stream: options.stream ?? false,
    estimate: { promptTokens: 0, maxOutputTokens: undefined },
    overrides: options.overrides,
    attempts: [],
  };
}
