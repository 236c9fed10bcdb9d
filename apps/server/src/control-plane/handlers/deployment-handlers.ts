import { GatewayError } from "@gatehouse/protocol";
import { deploymentHealth } from "../deployment-health.js";
import type { CallContext, ControlPlaneDeps } from "./control-plane-deps.js";

/** Deployment health for a gateway key's tenant (the router resolved the tenant from the key), or the path's. */
export function deploymentHandlers(deps: ControlPlaneDeps) {
  return {
    "deployments.health": async (ctx: CallContext) => ({
      deployments: await deploymentHealth(deps.health, ctx.tenantId!),
    }),
    // The same for a member signed in to the console: the tenant is the path's (access checked on it).
    "deployments.tenantHealth": async (ctx: CallContext) => ({
      deployments: await deploymentHealth(deps.health, ctx.tenantId!),
    }),
    "deployments.healthOne": async (ctx: CallContext & { params: { id: string } }) => {
      const [row] = await deploymentHealth(deps.health, ctx.tenantId!, ctx.params.id);
      if (row === undefined) throw new GatewayError("not_found", `No deployment '${ctx.params.id}'.`);
      return row;
    },
  };
}
