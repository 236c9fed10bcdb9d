import { z } from "zod";
import { Empty, Id } from "./common.js";
import { defineContract } from "./define-contract.js";
import { ModelSchema } from "./model-contracts.js";

const tag = "Local models (Ollama)";
const base = "/api/tenants/:tenantId/providers/:providerId/ollama/models";
const Params = z.object({ tenantId: Id, providerId: Id });
/** An Ollama model name (`llama3.2`, `qwen3:0.6b`, `hf.co/org/repo:Q4_K_M`). */
const OllamaModelName = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(200)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._:/-]*$/, "Letters, digits, '.', '_', ':', '/' or '-'.");
const ModelParams = Params.extend({ model: OllamaModelName });

export const OllamaModelDetailsSchema = z.object({
  family: z.string().nullable(),
  parameterSize: z.string().nullable(),
  quantization: z.string().nullable(),
  format: z.string().nullable(),
});

export const OllamaModelSchema = z.object({
  name: z.string(),
  /** Bytes on the Ollama host's disk. */
  size: z.number().int().nonnegative(),
  digest: z.string(),
  /** When Ollama last changed it (ISO 8601), or null if it did not say. */
  modifiedAt: z.string().nullable(),
  details: OllamaModelDetailsSchema,
});

export const listOllamaModels = defineContract({
  id: "ollama.listModels",
  method: "GET",
  path: base,
  tag,
  summary: "The models pulled on an Ollama provider (its /api/tags)",
  description: "The provider must be one of the tenant's of kind `ollama` (404 otherwise).",
  access: { permission: "providers:read" },
  params: Params,
  response: z.object({ items: z.array(OllamaModelSchema) }),
});

export const showOllamaModel = defineContract({
  id: "ollama.showModel",
  method: "GET",
  path: `${base}/:model`,
  tag,
  summary: "One pulled model's details (its /api/show): capabilities, context length, parameters",
  access: { permission: "providers:read" },
  params: ModelParams,
  response: z.object({
    name: z.string(),
    details: OllamaModelDetailsSchema,
    capabilities: z.array(z.string()),
    contextLength: z.number().int().nullable(),
    parameters: z.string().nullable(),
    modifiedAt: z.string().nullable(),
  }),
});

export const pullOllamaModel = defineContract({
  id: "ollama.pullModel",
  method: "POST",
  path: `${base}/pull`,
  tag,
  summary: "Pull a model onto an Ollama provider, streaming its progress (server-sent events)",
  description:
    'A `text/event-stream`: `progress` events (data: `{"status", "digest"?, "total"?, "completed"?}`, ' +
    'as Ollama reports them), then one final `success` or `error` event (data: `{"message"}`). One pull ' +
    "per model per tenant at a time (409 while one runs). Read it with fetch (the SDK's `client.events`).",
  access: { permission: "providers:manage" },
  params: Params,
  body: z.object({ model: OllamaModelName }),
  response: z.string(),
  produces: "text/event-stream",
});

export const deleteOllamaModel = defineContract({
  id: "ollama.deleteModel",
  method: "DELETE",
  path: `${base}/:model`,
  tag,
  summary: "Delete a pulled model from an Ollama provider's disk",
  access: { permission: "providers:manage" },
  params: ModelParams,
  response: Empty,
  status: 204,
});

export const registerOllamaModel = defineContract({
  id: "ollama.registerModel",
  method: "POST",
  path: `${base}/register`,
  tag,
  summary: "Add a pulled model to the catalog in one step (a model routed to this provider)",
  description:
    "Creates the catalog model `name` (the Ollama name by default) with one deployment on this provider " +
    "(upstream model: the Ollama name), as models.create then models.addDeployment would. Needs " +
    "providers:manage and models:manage. 409 if a model of that name exists.",
  access: { permission: "providers:manage" },
  params: Params,
  body: z.object({ model: OllamaModelName, name: z.string().trim().min(1).max(200).optional() }),
  response: ModelSchema,
  status: 201,
});

export const OLLAMA_CONTRACTS = [
  listOllamaModels,
  showOllamaModel,
  pullOllamaModel,
  deleteOllamaModel,
  registerOllamaModel,
] as const;
