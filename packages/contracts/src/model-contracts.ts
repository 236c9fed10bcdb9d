import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Models";

/** A public model name (may end in `*` for a family, e.g. `openai/*`). */
const ModelName = z.string().trim().min(1, "Required.").max(200);
/** Nano-USD (1e-9 USD) per million tokens, an integer: $2.50 per million is 2500000000. */
const PricePerMTok = z.number().int("Whole nano-USD.").nonnegative().max(Number.MAX_SAFE_INTEGER);
const Tokens = z.number().int().positive().max(100_000_000);
const Millis = z.number().int().positive().max(3_600_000);

const Capabilities = z.object({
  tools: z.boolean().optional(),
  vision: z.boolean().optional(),
  json: z.boolean().optional(),
  reasoning: z.boolean().optional(),
});
const Timeouts = z.object({
  connectMs: Millis.optional(),
  firstByteMs: Millis.optional(),
  idleMs: Millis.optional(),
  totalMs: Millis.optional(),
});

const Settings = {
  inputPricePerMTok: PricePerMTok,
  outputPricePerMTok: PricePerMTok,
  contextWindow: Tokens.nullable(),
  maxOutputTokens: Tokens.nullable(),
  aliases: z.array(ModelName).max(50),
  capabilities: Capabilities,
  unsupportedParams: z.enum(["drop", "refuse"]),
  balanceStrategy: z.enum(["weighted_random", "least_in_flight", "lowest_latency", "lowest_cost"]),
  fallbackModels: z.array(ModelName).max(20),
  contextFallbackModel: ModelName.nullable(),
  contentFilterFallback: z.boolean(),
  timeouts: Timeouts,
};

export const ModelDeploymentSchema = z.object({
  id: Id,
  providerId: Id,
  upstreamModel: z.string(),
  weight: z.number(),
  priority: z.number(),
});

export const ModelSchema = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  ...Settings,
  /** Where it routes (providers.create with `models` adds them). */
  deployments: z.array(ModelDeploymentSchema),
  createdAt: Timestamp,
});

const ModelParams = z.object({ tenantId: Id, modelId: Id });
const optional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };

export const listModels = defineContract({
  id: "models.list",
  method: "GET",
  path: "/api/tenants/:tenantId/models",
  tag,
  summary: "List the tenant's models with their prices, settings and deployments",
  access: { permission: "models:read" },
  params: z.object({ tenantId: Id }),
  query: z.object(PageQuery),
  response: pageOf(ModelSchema),
});

export const getModel = defineContract({
  id: "models.get",
  method: "GET",
  path: "/api/tenants/:tenantId/models/:modelId",
  tag,
  summary: "One model with its prices, settings and deployments",
  access: { permission: "models:read" },
  params: z.object({ tenantId: Id, modelId: Id }),
  response: ModelSchema,
});

export const createModel = defineContract({
  id: "models.create",
  method: "POST",
  path: "/api/tenants/:tenantId/models",
  tag,
  summary:
    "Create a model (prices in integer nano-USD per million tokens); unset settings take their defaults",
  access: { permission: "models:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({ name: ModelName, ...optional(Settings) }),
  response: ModelSchema,
  idempotent: true,
});

export const updateModel = defineContract({
  id: "models.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/models/:modelId",
  tag,
  summary: "Rename a model or change its prices and settings",
  access: { permission: "models:manage" },
  params: ModelParams,
  body: z.object({ name: ModelName.optional(), ...optional(Settings) }),
  response: ModelSchema,
});

export const deleteModel = defineContract({
  id: "models.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/models/:modelId",
  tag,
  summary: "Delete a model and its deployments",
  access: { permission: "models:manage" },
  params: ModelParams,
  response: Empty,
  status: 204,
});

export const MODEL_CONTRACTS = [listModels, getModel, createModel, updateModel, deleteModel] as const;
