import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Providers";

/** The upstream APIs a provider may speak. */
export const PROVIDER_KINDS = [
  "openai",
  "anthropic",
  "gemini",
  "ollama",
  "bedrock",
  "azure",
  "vertex",
] as const;

const ProviderName = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, "1-63 letters, digits, '.', '_' or '-'.");
const BaseUrl = z.string().trim().max(2048).url("Not a URL.");
const Secret = z.string().trim().min(1, "Required.").max(16_384);
/** Non-secret settings (region, apiVersion, project, location...); at most 32 entries of plain values. */
const ProviderConfig = z
  .record(z.string().max(64), z.union([z.string().max(2048), z.number(), z.boolean()]))
  .refine((c) => Object.keys(c).length <= 32, "At most 32 entries.");
/** Secrets besides an API key: AWS keys (Bedrock) or a service account's JSON key (Vertex AI). */
const OtherCredentials = z.object({
  accessKeyId: Secret.optional(),
  secretAccessKey: Secret.optional(),
  sessionToken: Secret.optional(),
  serviceAccountJson: Secret.optional(),
});

export const ProviderSchema = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  baseUrl: z.string(),
  config: z.record(z.string(), z.unknown()),
  /** "tenant": registered through this API (private addresses refused); "platform": by the operator. */
  origin: z.enum(["platform", "tenant"]),
  /** The last four characters of the credential ("…1234"), the only part ever shown; null for none. */
  credentialLastFour: z.string().nullable(),
  /** Left out of routing (its models answer as if it had no deployment) until enabled again. */
  disabled: z.boolean(),
  createdAt: Timestamp,
});

const ProviderParams = z.object({ tenantId: Id, providerId: Id });

export const listProviders = defineContract({
  id: "providers.list",
  method: "GET",
  path: "/api/tenants/:tenantId/providers",
  tag,
  summary: "List the tenant's providers (credentials are never answered, only their last four characters)",
  access: { permission: "providers:read" },
  params: z.object({ tenantId: Id }),
  query: z.object(PageQuery),
  response: pageOf(ProviderSchema),
});

export const getProvider = defineContract({
  id: "providers.get",
  method: "GET",
  path: "/api/tenants/:tenantId/providers/:providerId",
  tag,
  summary: "One provider",
  access: { permission: "providers:read" },
  params: ProviderParams,
  response: ProviderSchema,
});

export const createProvider = defineContract({
  id: "providers.create",
  method: "POST",
  path: "/api/tenants/:tenantId/providers",
  tag,
  summary: "Register a provider with its credentials (bring your own key); encrypted at rest",
  access: { permission: "providers:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({
    name: ProviderName,
    kind: z.enum(PROVIDER_KINDS),
    /** Optional for kinds whose endpoint follows from config (bedrock: region; vertex: location). */
    baseUrl: BaseUrl.optional(),
    apiKey: Secret.optional(),
    credentials: OtherCredentials.optional(),
    config: ProviderConfig.optional(),
    /** Models to create (or give a deployment on this provider), each under the same upstream name. */
    models: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    /** Also route any `<name>/<model>` to this provider. */
    wildcard: z.boolean().optional(),
  }),
  response: ProviderSchema,
  idempotent: true,
});

export const updateProvider = defineContract({
  id: "providers.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/providers/:providerId",
  tag,
  summary: "Rename a provider, move it, change its settings, replace its credentials, or disable it",
  access: { permission: "providers:manage" },
  params: ProviderParams,
  body: z.object({
    name: ProviderName.optional(),
    baseUrl: BaseUrl.optional(),
    config: ProviderConfig.optional(),
    /** Replaces the credentials (with `credentials`, if given); null removes them. */
    apiKey: Secret.nullable().optional(),
    credentials: OtherCredentials.optional(),
    /** true stops routing to it (credentials, settings and deployments kept); false routes to it again. */
    disabled: z.boolean().optional(),
  }),
  response: ProviderSchema,
});

export const deleteProvider = defineContract({
  id: "providers.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/providers/:providerId",
  tag,
  summary: "Delete a provider and the deployments routed to it",
  access: { permission: "providers:manage" },
  params: ProviderParams,
  response: Empty,
  status: 204,
});

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  /** The upstream's HTTP status; null when no answer came (refused address, timeout, network error). */
  status: z.number().int().nullable(),
  latencyMs: z.number().int().nonnegative(),
  /** What happened, with any secret removed. */
  message: z.string(),
});

export const testProviderConnection = defineContract({
  id: "providers.testConnection",
  method: "POST",
  path: "/api/tenants/:tenantId/providers/:providerId/test",
  tag,
  summary: "Make one cheap authenticated request to the provider (e.g. list its models) and report",
  access: { permission: "providers:manage" },
  params: ProviderParams,
  response: ConnectionTestSchema,
});

export const PROVIDER_CONTRACTS = [
  listProviders,
  getProvider,
  createProvider,
  updateProvider,
  deleteProvider,
  testProviderConnection,
] as const;
