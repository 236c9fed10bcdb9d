import type { ProviderKind } from "../domain/provider.js";
import type { BreakerSnapshot, CircuitBreakers } from "../resilience/circuit-breakers.js";
import type { InFlightTracker } from "../resilience/in-flight-tracker.js";
import type { LatencyTracker } from "../resilience/latency-tracker.js";
import type { Store } from "../store/store.js";

/** One deployment's health as the API shows it. Times are Unix ms. */
export interface DeploymentHealth {
  deploymentId: string;
  model: string;
  provider: string;
  providerKind: ProviderKind;
  upstreamModel: string;
  priority: number;
  weight: number;
  breaker: Omit<BreakerSnapshot, "deploymentId">;
  /** Failures / requests in the breaker's sliding window; null when the window holds no request. */
  errorRate: number | null;
  /** Requests this instance has in flight to the deployment (streams until their end). */
  inFlight: number;
  /** Moving average of the time to first byte on this instance; null when not measured lately. */
  latencyEwmaMs: number | null;
}

/** What deployment health is read from: the store, the breakers and this instance's balancer. */
export interface HealthSources {
  store: Store;
  breakers: CircuitBreakers;
  balancer: { latency: LatencyTracker; inFlight: InFlightTracker };
}

/**
 * The health of a tenant's deployments, model by model (all of them, or the one with `deploymentId`):
 * breaker state from its store (shared across instances with Redis), in-flight counts and latency from
 * this instance. Reads only the tenant's own rows, so another tenant's deployment is simply absent.
 *
 * @example
 * const rows = await deploymentHealth(rt, key.tenantId);
 */
export async function deploymentHealth(
  rt: HealthSources,
  tenantId: string,
  deploymentId?: string,
): Promise<DeploymentHealth[]> {
  const [models, providers] = await Promise.all([
    rt.store.models.list(tenantId),
    rt.store.providers.list(tenantId),
  ]);
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const rows = models.flatMap((m) =>
    m.deployments
      .filter((d) => deploymentId === undefined || d.id === deploymentId)
      .map((d) => ({ model: m, deployment: d, provider: providerById.get(d.providerId) })),
  );
  const breakers = await rt.breakers.snapshot(rows.map((r) => r.deployment.id));
  return rows.map(({ model, deployment: d, provider }, i) => {
    const { deploymentId: _id, ...breaker } = breakers[i]!;
    const latency = rt.balancer.latency.estimate(d.id);
    return {
      deploymentId: d.id,
      model: model.name,
      provider: provider?.name ?? "",
      providerKind: provider?.kind ?? "openai",
      upstreamModel: d.upstreamModel,
      priority: d.priority,
      weight: d.weight,
      breaker,
      errorRate: breaker.windowRequests > 0 ? breaker.windowFailures / breaker.windowRequests : null,
      inFlight: rt.balancer.inFlight.get(d.id),
      latencyEwmaMs: latency === undefined ? null : Math.round(latency),
    };
  });
}
