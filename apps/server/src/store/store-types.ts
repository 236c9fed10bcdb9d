/**
 * Rows and inputs of the Store, in the application's terms (camelCase, numbers, booleans).
 * Times are Unix milliseconds; money is integer nano-USD (DESIGN.md invariant 1).
 */

export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

export interface Workspace {
  id: string;
  tenantId: string;
  name: string;
  createdAt: number;
}

export type UserRole = "owner" | "admin" | "member" | "viewer";

export interface User {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: UserRole;
  /** argon2id PHC string. */
  passwordHash: string;
  createdAt: number;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  workspaceId: string;
  userId: string | null;
  name: string;
  /** SHA-256 of the whole key, lowercase hex. The key itself is never stored. */
  keyHash: string;
  /** The first characters of the key, shown in listings to recognise it. */
  keyPrefix: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export type ApiKeyInput = Omit<ApiKey, "id" | "createdAt" | "revokedAt">;

/** Provider credentials as stored: AES-256-GCM ciphertext and the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  /** base64url of iv ‖ tag ‖ ciphertext. */
  ciphertext: string;
}

export type ProviderKind = "openai" | "anthropic" | "gemini" | "ollama" | "bedrock" | "azure" | "vertex";

export interface Provider {
  id: string;
  tenantId: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Sealed credentials, or null for providers that need none (a local Ollama). */
  credentials: SealedSecret | null;
  /** Non-secret settings (extra headers names, api-version, region...). */
  config: Record<string, unknown>;
  createdAt: number;
}

export type ProviderInput = Omit<Provider, "id" | "createdAt">;

/**
 * What a model is known to accept. An absent key means "unknown", which is allowed: only an explicit
 * `false` makes the gateway refuse a request that uses the feature, before any upstream call.
 */
export interface ModelCapabilities {
  tools?: boolean;
  vision?: boolean;
  json?: boolean;
  reasoning?: boolean;
}

/** What to do with request parameters the routed upstream cannot honour: drop them (with a warning
 * header), or refuse the request with `unsupported_parameter`. */
export type UnsupportedParamsPolicy = "drop" | "refuse";

/** How a priority group's deployments are chosen (the resilience balancer's strategy names). */
export type ModelBalanceStrategy = "weighted_random" | "least_in_flight" | "lowest_latency" | "lowest_cost";

/** Per-model upstream timeouts in milliseconds; absent keys fall back to the provider's and global ones. */
export interface ModelTimeouts {
  connectMs?: number;
  firstByteMs?: number;
  idleMs?: number;
  totalMs?: number;
}

/** Routing and capability settings of a model, each with a default (see `modelSettingDefaults`). */
export interface ModelSettings {
  /** Extra public names that resolve to this model, exactly (no wildcards). */
  aliases: string[];
  capabilities: ModelCapabilities;
  unsupportedParams: UnsupportedParamsPolicy;
  balanceStrategy: ModelBalanceStrategy;
  /** Models tried, in order, after every deployment of this one failed. */
  fallbackModels: string[];
  /** A model with a larger window, tried when the request exceeds this one's context. */
  contextFallbackModel: string | null;
  /** Whether a content-policy refusal may be retried on the fallback models. */
  contentFilterFallback: boolean;
  timeouts: ModelTimeouts;
}

export interface Model extends ModelSettings {
  id: string;
  tenantId: string;
  /** The public name clients send; may end in `*` to match a family (`openai/*`). */
  name: string;
  /** Price per million input tokens, nano-USD. */
  inputPricePerMTok: number;
  /** Price per million output tokens, nano-USD. */
  outputPricePerMTok: number;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  createdAt: number;
}

/** A new model; the routing settings are optional and take their defaults. */
export type ModelInput = Omit<Model, "id" | "createdAt" | keyof ModelSettings> & Partial<ModelSettings>;

/** A change to a model: only the fields given change. */
export type ModelPatch = Partial<Omit<Model, "id" | "tenantId" | "createdAt">>;

export interface Deployment {
  id: string;
  modelId: string;
  providerId: string;
  /** The model name sent upstream; `*` means "the part the model's wildcard matched". */
  upstreamModel: string;
  weight: number;
  priority: number;
  /** Requests per minute this deployment accepts (its provider quota); null = no known limit. */
  rpm: number | null;
  /** Tokens per minute this deployment accepts; null = no known limit. */
  tpm: number | null;
  /** Where the deployment runs (e.g. `eu-west-1`), for data-residency routing; null = unspecified. */
  region: string | null;
  createdAt: number;
}

/** A new deployment; rpm, tpm and region default to null. */
export type DeploymentInput = Omit<Deployment, "id" | "createdAt" | "rpm" | "tpm" | "region"> &
  Partial<Pick<Deployment, "rpm" | "tpm" | "region">>;

/** A change to a deployment's balancing and limits: only the fields given change. */
export type DeploymentPatch = Partial<Pick<Deployment, "weight" | "priority" | "rpm" | "tpm" | "region">>;

export interface ModelWithDeployments extends Model {
  deployments: Deployment[];
}

export type UsageStatus = "pending" | "success" | "error" | "interrupted";

/** Written before the upstream call (DESIGN.md invariant 3). `id` is the request id. */
export interface PendingUsage {
  id: string;
  tenantId: string;
  workspaceId: string;
  apiKeyId: string;
  model: string;
  providerId: string | null;
  deploymentId: string | null;
  upstreamModel: string | null;
  surface: string;
  stream: boolean;
  startedAt: number;
}

/** Written after the call; only a pending record is finalized, so finalizing twice changes nothing. */
export interface UsageFinal {
  id: string;
  status: Exclude<UsageStatus, "pending">;
  httpStatus: number | null;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** True when counts were estimated (the upstream reported none, e.g. a cut stream). */
  usageEstimated: boolean;
  costNano: number;
  finishedAt: number;
  ttfbMs: number | null;
  /** The attempt chain, JSON-serialisable (provider, deployment, status, ms per attempt). */
  attempts: unknown[];
}

export interface UsageRecord extends PendingUsage, Omit<UsageFinal, "status" | "finishedAt" | "attempts"> {
  status: UsageStatus;
  finishedAt: number | null;
  attempts: unknown[];
}

export interface UsageQuery {
  tenantId: string;
  apiKeyId?: string;
  status?: UsageStatus;
  since?: number;
  limit?: number;
}
