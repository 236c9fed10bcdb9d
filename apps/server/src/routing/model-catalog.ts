import { type CaptureSettings, DEFAULT_CAPTURE_SETTINGS } from "../domain/capture-settings.js";
import type { Deployment } from "../domain/deployment.js";
import type { Model, ModelWithDeployments } from "../domain/model.js";
import { DEFAULT_PRICING_SETTINGS, type TenantPricing } from "../domain/price-sheet.js";
import type { UpstreamTarget } from "../providers/upstream-target.js";

/** One way to serve a model: a deployment on a provider, with the upstream model name resolved. */
export interface Candidate {
  deployment: Deployment;
  target: UpstreamTarget;
  upstreamModel: string;
}

/**
 * What a public model name resolves to for one request. `model` is the whole model row, so its routing
 * settings ride along: aliases, capabilities, unsupportedParams, balanceStrategy, fallbackModels,
 * contextFallbackModel, contentFilterFallback, timeouts, contextWindow, maxOutputTokens, prices.
 */
export interface Route {
  model: Model;
  /** The name the client asked for (differs from model.name for wildcard models and aliases). */
  requestedName: string;
  /** Deployments grouped by priority, lowest priority number first. */
  groups: Candidate[][];
}

interface TenantCatalog {
  /** Concrete models by name, for listing. */
  models: ModelWithDeployments[];
  /** Routes by exact public name: every model's name, then its aliases (a name wins over an alias). */
  exact: Map<string, Route | undefined>;
  /** Wildcard models, longest prefix first. */
  patterns: Array<{ prefix: string; model: ModelWithDeployments }>;
  /** The tenant's providers whose credentials could be opened, by provider id. */
  targets: ReadonlyMap<string, UpstreamTarget>;
  /** The tenant's price book and pricing settings (markup, unpriced policy). */
  pricing: TenantPricing;
  /** Whether requests' bodies are captured (opt-in, off by default) and up to how many bytes. */
  capture: Readonly<CaptureSettings>;
}

/** The pricing of a tenant that set none: no price book, no markup, unpriced models recorded. */
export const NO_TENANT_PRICING: TenantPricing = Object.freeze({
  settings: DEFAULT_PRICING_SETTINGS,
  book: new Map(),
});

/**
 * The in-memory routing snapshot: public model names → deployments on providers, per tenant. Each
 * tenant's part is built on its own and never mutated: a change in one tenant builds a new catalog that
 * shares every other tenant's part ({@link ModelCatalog.withTenant}), so a lookup never sees a half-built
 * tenant and other tenants are not rebuilt. Lookups are Map reads.
 */
export class ModelCatalog {
  private tenants = new Map<string, TenantCatalog>();

  /** Builds every tenant's part from `models` (any tenants) and `targets` (providers by id, shared by all). */
  constructor(models: ModelWithDeployments[], targets: ReadonlyMap<string, UpstreamTarget>) {
    const byTenant = new Map<string, ModelWithDeployments[]>();
    for (const m of models) {
      const list = byTenant.get(m.tenantId) ?? [];
      list.push(m);
      byTenant.set(m.tenantId, list);
    }
    for (const [tenantId, list] of byTenant) this.tenants.set(tenantId, buildTenant(list, targets));
  }

  /**
   * A catalog of tenants' parts, each from its own models and its own providers' targets. A tenant with
   * providers and no model yet gets a part too, so a model added later (a catalog-only change) finds its
   * providers open.
   *
   * @example
   * const catalog = ModelCatalog.fromTenants(new Map([[tenantId, { models, targets }]]));
   */
  static fromTenants(
    parts: ReadonlyMap<
      string,
      {
        models: ModelWithDeployments[];
        targets: ReadonlyMap<string, UpstreamTarget>;
        pricing?: TenantPricing;
        capture?: CaptureSettings;
      }
    >,
  ): ModelCatalog {
    const catalog = new ModelCatalog([], new Map());
    for (const [tenantId, part] of parts)
      catalog.tenants.set(tenantId, buildTenant(part.models, part.targets, part.pricing, part.capture));
    return catalog;
  }

  /**
   * A catalog equal to this one except for `tenantId`'s part, rebuilt from its models and its providers'
   * targets (no models, no targets and default pricing remove the tenant) and its pricing (kept as it was when not given). Other
   * tenants' parts are shared, not copied.
   *
   * @example
   * runtime.catalog = runtime.catalog.withTenant(tenantId, models, targets);
   */
  withTenant(
    tenantId: string,
    models: ModelWithDeployments[],
    targets: ReadonlyMap<string, UpstreamTarget>,
    pricing: TenantPricing = this.pricingOf(tenantId),
    capture: Readonly<CaptureSettings> = this.captureOf(tenantId),
  ): ModelCatalog {
    const next = new ModelCatalog([], new Map());
    next.tenants = new Map(this.tenants);
    if (models.length === 0 && targets.size === 0 && isDefaultPricing(pricing) && !capture.enabled)
      next.tenants.delete(tenantId);
    else next.tenants.set(tenantId, buildTenant(models, targets, pricing, capture));
    return next;
  }

  /** The upstream targets (opened providers) of one tenant, so a catalog-only change can reuse them. */
  targetsOf(tenantId: string): ReadonlyMap<string, UpstreamTarget> {
    return this.tenants.get(tenantId)?.targets ?? new Map();
  }

  /** A tenant's price book and pricing settings, as of this snapshot (read by admit and meter). */
  pricingOf(tenantId: string): TenantPricing {
    return this.tenants.get(tenantId)?.pricing ?? NO_TENANT_PRICING;
  }

  /** A tenant's prompt capture setting, as of this snapshot (one Map read; off when never set). */
  captureOf(tenantId: string): Readonly<CaptureSettings> {
    return this.tenants.get(tenantId)?.capture ?? DEFAULT_CAPTURE_SETTINGS;
  }

  /**
   * Resolves a requested model name for a tenant: an exact name or alias first (one Map read; those
   * routes are built with the snapshot, shared and not to be mutated), then the longest wildcard.
   * Undefined when nothing matches or the model has no reachable deployment.
   */
  resolve(tenantId: string, name: string): Route | undefined {
    const t = this.tenants.get(tenantId);
    if (!t) return undefined;
    if (t.exact.has(name)) return t.exact.get(name);
    for (const p of t.patterns) {
      if (name.length > p.prefix.length && name.startsWith(p.prefix)) {
        return buildRoute(p.model, t.targets, name, name.slice(p.prefix.length));
      }
    }
    return undefined;
  }

  /**
   * Every deployment of every tenant's models (concrete and wildcard) whose provider is open, with that
   * provider's name: what a metrics scrape reports breaker states for.
   */
  *deployments(): Generator<{ id: string; provider: string }> {
    for (const t of this.tenants.values()) {
      for (const m of t.models) yield* reachable(m, t.targets);
      for (const p of t.patterns) yield* reachable(p.model, t.targets);
    }
  }

  /**
   * The wildcard models' names of a tenant (`openai/*`) that have at least one reachable deployment, by
   * name: what a name that no list shows can still be routed through.
   */
  wildcards(tenantId: string): string[] {
    const t = this.tenants.get(tenantId);
    if (!t) return [];
    return t.patterns
      .filter((p) => p.model.deployments.some((d) => t.targets.has(d.providerId)))
      .map((p) => p.model.name)
      .sort();
  }

  /** The concrete (non-wildcard) models of a tenant that have at least one reachable deployment. */
  list(tenantId: string): Model[] {
    const t = this.tenants.get(tenantId);
    if (!t) return [];
    return t.models.filter((m) => m.deployments.some((d) => t.targets.has(d.providerId)));
  }
}

function* reachable(
  model: ModelWithDeployments,
  targets: ReadonlyMap<string, UpstreamTarget>,
): Generator<{ id: string; provider: string }> {
  for (const d of model.deployments) {
    const target = targets.get(d.providerId);
    if (target) yield { id: d.id, provider: target.name };
  }
}

function isDefaultPricing(p: TenantPricing): boolean {
  return (
    p.book.size === 0 &&
    p.settings.markupBps === DEFAULT_PRICING_SETTINGS.markupBps &&
    p.settings.unpricedModels === DEFAULT_PRICING_SETTINGS.unpricedModels
  );
}

function buildTenant(
  models: ModelWithDeployments[],
  targets: ReadonlyMap<string, UpstreamTarget>,
  pricing: TenantPricing = NO_TENANT_PRICING,
  capture: Readonly<CaptureSettings> = DEFAULT_CAPTURE_SETTINGS,
): TenantCatalog {
  const t: TenantCatalog = { models: [], exact: new Map(), patterns: [], targets, pricing, capture };
  for (const m of models) {
    if (m.name.endsWith("*")) t.patterns.push({ prefix: m.name.slice(0, -1), model: m });
    else {
      t.models.push(m);
      t.exact.set(m.name, buildRoute(m, targets, m.name, ""));
    }
  }
  // Aliases after every name, so a name always wins; the store keeps them apart, and if two writers
  // raced to one alias, the first model (by name) keeps it.
  for (const m of models) {
    for (const alias of m.aliases)
      if (!t.exact.has(alias)) t.exact.set(alias, buildRoute(m, targets, alias, ""));
  }
  t.patterns.sort((a, b) => b.prefix.length - a.prefix.length);
  return t;
}

function buildRoute(
  model: ModelWithDeployments,
  targets: ReadonlyMap<string, UpstreamTarget>,
  requestedName: string,
  matched: string,
): Route | undefined {
  const byPriority = new Map<number, Candidate[]>();
  for (const d of model.deployments) {
    const target = targets.get(d.providerId);
    if (!target) continue;
    const upstreamModel = d.upstreamModel === "*" ? matched || model.name : d.upstreamModel;
    const group = byPriority.get(d.priority) ?? [];
    group.push({ deployment: d, target, upstreamModel });
    byPriority.set(d.priority, group);
  }
  if (byPriority.size === 0) return undefined;
  const groups = [...byPriority.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  return { model, requestedName, groups };
}
