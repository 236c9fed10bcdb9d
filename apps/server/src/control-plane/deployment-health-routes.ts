import { GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { deploymentHealth, type HealthSources } from "./deployment-health.js";

/**
 * GET /api/deployments/health: the caller's tenant's deployments with their breaker, error rate,
 * in-flight count and latency. GET /api/deployments/:id/health: one of them; an id of another tenant
 * answers 404 like an unknown one (DESIGN.md invariant 7). Both require `deployments:read`
 * (route-policies.ts), checked before the handler runs.
 */
export function registerDeploymentHealthRoutes(app: FastifyInstance, rt: HealthSources): void {
  app.get("/api/deployments/health", async (req) => {
    return { deployments: await deploymentHealth(rt, req.principal!.tenantId) };
  });
  app.get("/api/deployments/:id/health", async (req) => {
    const { id } = req.params as { id: string };
    const [row] = await deploymentHealth(rt, req.principal!.tenantId, id);
    if (row === undefined) throw new GatewayError("not_found", `No deployment '${id}'.`);
    return row;
  });
}
