import { z } from "zod";
import { Id } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Deployments";

export const BreakerSchema = z.object({
  state: z.enum(["closed", "open", "half_open"]),
  consecutiveFailures: z.number().int(),
  windowFailures: z.number().int(),
  windowRequests: z.number().int(),
  openedAt: z.number().nullable(),
  nextProbeAt: z.number().nullable(),
  coolDownMs: z.number(),
  coolingUntil: z.number().nullable(),
});

export const DeploymentHealthSchema = z.object({
  deploymentId: z.string(),
  model: z.string(),
  provider: z.string(),
  providerKind: z.string(),
  upstreamModel: z.string(),
  priority: z.number().int(),
  weight: z.number(),
  breaker: BreakerSchema.loose(),
  /** Failures / requests in the breaker's sliding window; null when the window holds no request. */
  errorRate: z.number().nullable(),
  /** Requests this instance has in flight to the deployment. */
  inFlight: z.number().int(),
  latencyEwmaMs: z.number().nullable(),
});

/**
 * The health of the caller's tenant's deployments. Called with a gateway API key (the tenant is the
 * key's), so a client can see where its traffic would go.
 */
export const listDeploymentHealth = defineContract({
  id: "deployments.health",
  method: "GET",
  path: "/api/deployments/health",
  tag,
  summary: "Health of your tenant's deployments (breaker, error rate, in-flight, latency)",
  access: { permission: "deployments:read" },
  response: z.object({ deployments: z.array(DeploymentHealthSchema) }),
});

export const getDeploymentHealth = defineContract({
  id: "deployments.healthOne",
  method: "GET",
  path: "/api/deployments/:id/health",
  tag,
  summary: "Health of one deployment",
  access: { permission: "deployments:read" },
  params: z.object({ id: Id }),
  response: DeploymentHealthSchema,
});

/**
 * The same health for a signed-in member (the console's models page): the tenant is the path's, so a
 * person with access to several tenants reads each one's. Refreshed by polling (it reads no usage rows).
 */
export const listTenantDeploymentHealth = defineContract({
  id: "deployments.tenantHealth",
  method: "GET",
  path: "/api/tenants/:tenantId/deployments/health",
  tag,
  summary: "Health of one tenant's deployments (breaker, error rate, in-flight, latency)",
  access: { permission: "deployments:read" },
  params: z.object({ tenantId: Id }),
  response: z.object({ deployments: z.array(DeploymentHealthSchema) }),
});

export const DEPLOYMENT_CONTRACTS = [
  listDeploymentHealth,
  getDeploymentHealth,
  listTenantDeploymentHealth,
] as const;
