import type { GatewayError } from "@gatehouse/protocol";
import type { Candidate, Route } from "../routing/model-catalog.js";
import type { Model } from "../store/store-types.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

/** How many models one request may reach in all (the requested one included): a bound on misconfiguration. */
const MAX_MODELS = 16;

/**
 * The models a request falls back to once every deployment of the current one failed, in order:
 * - after a deployment failure (5xx, 429, timeout, connection error), or a content-policy refusal on a
 *   model configured to fall back on those: the fallback models — the request's override
 *   (`x-gatehouse-fallbacks`, `gatehouse.fallbacks`) or else the requested model's `fallbackModels`;
 *   a fallback model's own fallback list is not followed (one list per request, predictable);
 * - after a context window exceeded: the current model's `contextFallbackModel` only (a model with a
 *   larger window; that one may name a larger one in turn), never the general list;
 * - with the override `none`: nothing at all.
 * Names resolve in the request's tenant; an unknown name, or a model already tried, is skipped.
 *
 * @example
 * const plan = new FallbackPlan(rt, ctx);
 * for (let r = ctx.route; r; r = plan.next(r, lastError)) { ... }
 */
export class FallbackPlan {
  private readonly tried = new Set<string>();
  private queue: string[] | undefined;

  constructor(
    private readonly rt: GatewayRuntime,
    private readonly ctx: RequestContext,
  ) {
    this.tried.add(ctx.route!.model.id);
  }

  /** The route to try after `route` failed with `error`; undefined when nothing is left. */
  next(route: Route, error: GatewayError | undefined): Route | undefined {
    const override = this.ctx.overrides?.fallbacks;
    if (override !== undefined && override.length === 0) return undefined;
    if (error?.code === "context_length_exceeded") {
      const name = route.model.contextFallbackModel;
      return name ? this.resolveUntried(name) : undefined;
    }
    this.queue ??= [...(override ?? fallbackModelsOf(this.ctx.route!.model))];
    while (this.queue.length > 0) {
      const next = this.resolveUntried(this.queue.shift()!);
      if (next !== undefined) return next;
    }
    return undefined;
  }

  private resolveUntried(name: string): Route | undefined {
    if (this.tried.size >= MAX_MODELS) return undefined;
    const route = this.rt.catalog.resolve(this.ctx.key!.tenantId, name);
    if (route === undefined || this.tried.has(route.model.id)) return undefined;
    this.tried.add(route.model.id);
    return route;
  }
}

/**
 * Whether every deployment the request could reach — its route's, its fallback models' and the context
 * fallbacks' of each — passes `test`. The OpenAI passthrough path asks whether all of them speak OpenAI:
 * only then can the client's bytes go to whichever one serves. Without fallbacks, it looks at the
 * requested route only.
 */
export function everyReachableCandidate(
  rt: GatewayRuntime,
  ctx: RequestContext,
  test: (c: Candidate) => boolean,
): boolean {
  const first = ctx.route!;
  if (!first.groups.every((g) => g.every(test))) return false;
  const override = ctx.overrides?.fallbacks;
  if (override !== undefined && override.length === 0) return true;
  const names = override ?? fallbackModelsOf(first.model);
  const larger = first.model.contextFallbackModel;
  if (names.length === 0 && !larger) return true; // the common case allocates nothing
  const pending = larger ? [larger, ...names] : [...names];
  const seen = new Set<string>([first.model.id]);
  while (pending.length > 0 && seen.size < MAX_MODELS) {
    const route = rt.catalog.resolve(ctx.key!.tenantId, pending.shift()!);
    if (route === undefined || seen.has(route.model.id)) continue;
    seen.add(route.model.id);
    if (!route.groups.every((g) => g.every(test))) return false;
    const next = route.model.contextFallbackModel;
    if (next) pending.push(next);
  }
  return true;
}

/** A model's configured fallback models (none on a model stored before they existed). */
function fallbackModelsOf(model: Model): readonly string[] {
  return model.fallbackModels ?? [];
}
