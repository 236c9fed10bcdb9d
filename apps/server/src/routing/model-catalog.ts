import type { Deployment } from "../domain/deployment.js";
import type { Model, ModelWithDeployments } from "../domain/model.js";
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
}

/**
 * The in-memory routing snapshot: public model names → deployments on providers, per tenant.
 * Built off the request path whenever the configuration revision moves; lookups are Map reads.
 */
export class ModelCatalog {
  private readonly tenants = new Map<string, TenantCatalog>();

  constructor(
    models: ModelWithDeployments[],
    private readonly targets: Map<string, UpstreamTarget>,
  ) {
    for (const m of models) {
      let t = this.tenants.get(m.tenantId);
      if (!t) {
        t = { models: [], exact: new Map(), patterns: [] };
        this.tenants.set(m.tenantId, t);
      }
      if (m.name.endsWith("*")) t.patterns.push({ prefix: m.name.slice(0, -1), model: m });
      else {
        t.models.push(m);
        t.exact.set(m.name, this.route(m, m.name, ""));
      }
    }
    // Aliases after every name, so a name always wins; the store keeps them apart, and if two writers
    // raced to one alias, the first model (by name) keeps it.
    for (const m of models) {
      const t = this.tenants.get(m.tenantId)!;
      for (const alias of m.aliases) if (!t.exact.has(alias)) t.exact.set(alias, this.route(m, alias, ""));
    }
    for (const t of this.tenants.values()) t.patterns.sort((a, b) => b.prefix.length - a.prefix.length);
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
        return this.route(p.model, name, name.slice(p.prefix.length));
      }
    }
    return undefined;
  }

  /** The concrete (non-wildcard) models of a tenant that have at least one reachable deployment. */
  list(tenantId: string): Model[] {
    const t = this.tenants.get(tenantId);
    if (!t) return [];
    return t.models.filter((m) => m.deployments.some((d) => this.targets.has(d.providerId)));
  }

  private route(model: ModelWithDeployments, requestedName: string, matched: string): Route | undefined {
    const byPriority = new Map<number, Candidate[]>();
    for (const d of model.deployments) {
      const target = this.targets.get(d.providerId);
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
}
