import type { GatewayError } from "@gatehouse/protocol";
import type { Route } from "../../routing/model-catalog.js";
import type { ModelPolicy, Timeouts } from "../gateway-runtime.js";
import { type Deadline, requestDeadline } from "./attempt-limits.js";
import { type FallbackInputs, FallbackPlan, reachableRoutes } from "./fallback-plan.js";
import type { Served } from "./outcome.js";
import type { RequestScope } from "./request-scope.js";

/**
 * Step "route": where a request may go, decided once per request from the scope — the requested route
 * first, then its fallback models (read lazily, only once the requested model failed), and the deadline
 * every attempt shares. The forwarder walks it; the chat operation reads `reachable()` to fetch image
 * URLs for every deployment that needs bytes.
 */
export class RoutePlan {
  readonly first: Route;
  private fallbacks: FallbackPlan | undefined;

  private constructor(
    private readonly inputs: FallbackInputs,
    readonly deadline: Deadline,
  ) {
    this.first = inputs.first;
  }

  /** The plan of a request to `route` (its requested model's), with the deadline of its timeouts. */
  static of(scope: RequestScope, route: Route, global: Timeouts, policy?: ModelPolicy): RoutePlan {
    const tenantId = scope.principal.tenantId;
    const inputs = {
      catalog: scope.catalog,
      tenantId,
      first: route,
      overrides: scope.overrides,
      allows: policy && ((r: Route) => policy(tenantId, r)),
    };
    return new RoutePlan(inputs, requestDeadline(global, scope.startedAt, route, scope.overrides));
  }

  /**
   * A plan of one deployment only, no fallback, under the same deadline: for the later parts of a
   * request split into several upstream calls, which must all be answered by the deployment that answered
   * the first (embeddings from two deployments may not be comparable).
   */
  pinned(served: Served): RoutePlan {
    const first: Route = { ...served.route, groups: [[served.candidate]] };
    return new RoutePlan({ ...this.inputs, first, overrides: { fallbacks: [] } }, this.deadline);
  }

  /** The route to try after `route` failed (or was blocked throughout, `error` undefined). */
  next(route: Route, error: GatewayError | undefined): Route | undefined {
    this.fallbacks ??= new FallbackPlan(this.inputs);
    return this.fallbacks.next(route, error);
  }

  /** Every route the request could reach, the requested one first. */
  reachable(): Route[] {
    return reachableRoutes(this.inputs);
  }
}
