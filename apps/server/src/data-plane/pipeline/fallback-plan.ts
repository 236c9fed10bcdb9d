import type { GatewayError } from "@gatehouse/protocol";
import type { Model } from "../../domain/model.js";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import type { ModelCatalog, Route } from "../../routing/model-catalog.js";

/** How many models one request may reach in all (the requested one included): a bound on misconfiguration. */
const MAX_MODELS = 16;

/** What a fallback walk reads: the tenant's catalog snapshot, the requested route, the client's overrides. */
export interface FallbackInputs {
  catalog: ModelCatalog;
  tenantId: string;
  first: Route;
  overrides: RequestOverrides | undefined;
  /** Models the tenant may not be served by (outside its plan) are skipped; unset: none are. */
  allows?: ((route: Route) => boolean) | undefined;
}

/**
 * The models a request falls back to once every deployment of the current one failed, in order:
 * - after a deployment failure (5xx, 429, timeout, connection error), a content-policy refusal on a model
 *   configured to fall back on those, or a model whose every deployment was blocked or could not take the
 *   request: the fallback models — the request's override (`x-gatehouse-fallbacks`,
 *   `gatehouse.fallbacks`) or else the requested model's `fallbackModels`; a fallback model's own
 *   fallback list is not followed (one list per request, predictable);
 * - after a context window exceeded: the current model's `contextFallbackModel` only (a model with a
 *   larger window; that one may name a larger one in turn), never the general list;
 * - with the override `none`: nothing at all.
 * Names resolve in the request's tenant; an unknown name, or a model already tried, is skipped.
 *
 * @example
 * const plan = new FallbackPlan({ catalog, tenantId, first: route, overrides });
 * for (let r: Route | undefined = route; r; r = plan.next(r, lastError)) { ... }
 */
export class FallbackPlan {
  private readonly tried = new Set<string>();
  private queue: string[] | undefined;

  constructor(private readonly inputs: FallbackInputs) {
    this.tried.add(inputs.first.model.id);
  }

  /** The route to try after `route` failed with `error`; undefined when nothing is left. */
  next(route: Route, error: GatewayError | undefined): Route | undefined {
    const override = this.inputs.overrides?.fallbacks;
    if (override !== undefined && override.length === 0) return undefined;
    if (error?.code === "context_length_exceeded") {
      const name = route.model.contextFallbackModel;
      return name ? this.resolveUntried(name) : undefined;
    }
    this.queue ??= [...(override ?? fallbackModelsOf(this.inputs.first.model))];
    while (this.queue.length > 0) {
      const next = this.resolveUntried(this.queue.shift()!);
      if (next !== undefined) return next;
    }
    return undefined;
  }

  private resolveUntried(name: string): Route | undefined {
    if (this.tried.size >= MAX_MODELS) return undefined;
    const route = this.inputs.catalog.resolve(this.inputs.tenantId, name);
    if (route === undefined || this.tried.has(route.model.id)) return undefined;
    this.tried.add(route.model.id);
    return this.inputs.allows && !this.inputs.allows(route) ? undefined : route;
  }
}

/**
 * Every route a request could reach — its own, its fallback models' and the context fallbacks' of each —
 * requested first. Image URLs are fetched for all of them before the first attempt (building an upstream
 * request is synchronous). Without fallbacks, the requested route only, without allocating a list walk.
 */
export function reachableRoutes(inputs: FallbackInputs): Route[] {
  const { first, overrides } = inputs;
  const override = overrides?.fallbacks;
  if (override !== undefined && override.length === 0) return [first];
  const names = override ?? fallbackModelsOf(first.model);
  const larger = first.model.contextFallbackModel;
  if (names.length === 0 && !larger) return [first];
  const out = [first];
  const pending = larger ? [larger, ...names] : [...names];
  const seen = new Set<string>([first.model.id]);
  while (pending.length > 0 && seen.size < MAX_MODELS) {
    const route = inputs.catalog.resolve(inputs.tenantId, pending.shift()!);
    if (route === undefined || seen.has(route.model.id)) continue;
    seen.add(route.model.id);
    if (inputs.allows && !inputs.allows(route)) continue;
    out.push(route);
    const next = route.model.contextFallbackModel;
    if (next) pending.push(next);
  }
  return out;
}

/** A model's configured fallback models (none on a model stored before they existed). */
function fallbackModelsOf(model: Model): readonly string[] {
  return model.fallbackModels ?? [];
}
