import { z } from "zod";
import { Id } from "./common.js";
import { defineContract } from "./define-contract.js";
import { ModelSchema } from "./model-contracts.js";

const tag = "Models";

/** Relative share among the deployments of one priority group (weighted_random); 0 takes it out of rotation. */
const Weight = z.number().int("A whole number.").min(0).max(1_000_000);
/** Lower runs first; higher groups are fallbacks when every deployment of the lower ones failed. */
const Priority = z.number().int("A whole number.").min(0).max(1_000);

const ModelParams = z.object({ tenantId: Id, modelId: Id });
const DeploymentParams = z.object({ tenantId: Id, modelId: Id, deploymentId: Id });

export const addModelDeployment = defineContract({
  id: "models.addDeployment",
  method: "POST",
  path: "/api/tenants/:tenantId/models/:modelId/deployments",
  tag,
  summary: "Route a model to one more provider (a deployment: upstream model, weight, priority)",
  description:
    "Answers the model with its deployments. The provider must be the tenant's. `upstreamModel` `*` sends the part a wildcard model name matched.",
  access: { permission: "models:manage" },
  params: ModelParams,
  body: z.object({
    providerId: Id,
    upstreamModel: z.string().trim().min(1, "Required.").max(200),
    weight: Weight.default(1),
    priority: Priority.default(0),
  }),
  response: ModelSchema,
  status: 201,
});

export const updateModelDeployment = defineContract({
  id: "models.updateDeployment",
  method: "PATCH",
  path: "/api/tenants/:tenantId/models/:modelId/deployments/:deploymentId",
  tag,
  summary: "Change a deployment's weight or priority",
  access: { permission: "models:manage" },
  params: DeploymentParams,
  body: z.object({ weight: Weight.optional(), priority: Priority.optional() }),
  response: ModelSchema,
});

export const removeModelDeployment = defineContract({
  id: "models.removeDeployment",
  method: "DELETE",
  path: "/api/tenants/:tenantId/models/:modelId/deployments/:deploymentId",
  tag,
  summary: "Stop routing a model to one deployment",
  description: "Answers the model with its remaining deployments.",
  access: { permission: "models:manage" },
  params: DeploymentParams,
  response: ModelSchema,
});

export const MODEL_DEPLOYMENT_CONTRACTS = [
  addModelDeployment,
  updateModelDeployment,
  removeModelDeployment,
] as const;
