import type { Selectable } from "kysely";
import type {
  ApiKeysTable,
  DeploymentsTable,
  ModelsTable,
  ProvidersTable,
  TenantsTable,
  UsageRecordsTable,
  UsersTable,
  WorkspacesTable,
} from "./database.js";
import type {
  ApiKey,
  Deployment,
  Model,
  ModelBalanceStrategy,
  ModelCapabilities,
  ModelSettings,
  ModelTimeouts,
  Provider,
  ProviderKind,
  Tenant,
  UnsupportedParamsPolicy,
  UsageRecord,
  UsageStatus,
  User,
  UserRole,
  Workspace,
} from "./store-types.js";

/** Rows as stored (snake_case, 0/1, JSON text) to the Store's rows (camelCase, booleans, objects). */

export function toTenant(row: TenantsTable): Tenant {
  return { id: row.id, name: row.name, createdAt: Number(row.created_at) };
}

export function toWorkspace(row: WorkspacesTable): Workspace {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    createdAt: Number(row.created_at),
    allowedModels: parseNullableJson<string[]>(row.allowed_models),
  };
}

export function toUser(row: UsersTable): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
    emailVerifiedAt: nullableNumber(row.email_verified_at),
    sessionsValidAfter: Number(row.sessions_valid_after),
  };
}

export function toApiKey(row: ApiKeysTable): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    createdAt: Number(row.created_at),
    expiresAt: nullableNumber(row.expires_at),
    revokedAt: nullableNumber(row.revoked_at),
    serviceAccountId: row.service_account_id,
    allowedModels: parseNullableJson<string[]>(row.allowed_models),
    allowedCidrs: parseNullableJson<string[]>(row.allowed_cidrs),
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    lastUsedAt: nullableNumber(row.last_used_at),
  };
}

/** A nullable JSON column as stored: null stays null (e.g. "every model allowed"), anything else is JSON. */
export function toNullableJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function toProvider(row: ProvidersTable): Provider {
  const sealed =
    row.credentials_key_id !== null && row.credentials_ciphertext !== null
      ? { keyId: row.credentials_key_id, ciphertext: row.credentials_ciphertext }
      : null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    kind: row.kind as ProviderKind,
    baseUrl: row.base_url,
    credentials: sealed,
    credentialsLastFour: sealed === null ? null : row.credentials_last_four,
    origin: row.origin === "tenant" ? "tenant" : "platform",
    config: JSON.parse(row.config) as Record<string, unknown>,
    disabled: Number(row.disabled) === 1,
    createdAt: Number(row.created_at),
  };
}

export function toModel(row: ModelsTable): Model {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    inputPricePerMTok: Number(row.input_price_per_mtok),
    outputPricePerMTok: Number(row.output_price_per_mtok),
    contextWindow: nullableNumber(row.context_window),
    maxOutputTokens: nullableNumber(row.max_output_tokens),
    createdAt: Number(row.created_at),
    aliases: JSON.parse(row.aliases) as string[],
    capabilities: JSON.parse(row.capabilities) as ModelCapabilities,
    unsupportedParams: row.unsupported_params as UnsupportedParamsPolicy,
    balanceStrategy: row.balance_strategy as ModelBalanceStrategy,
    fallbackModels: JSON.parse(row.fallback_models) as string[],
    contextFallbackModel: row.context_fallback_model,
    contentFilterFallback: Number(row.content_filter_fallback) === 1,
    timeouts: JSON.parse(row.timeouts) as ModelTimeouts,
  };
}

/** The columns that hold a model's routing settings (migration 0002). */
export type ModelSettingsColumns = Pick<
  ModelsTable,
  | "aliases"
  | "capabilities"
  | "unsupported_params"
  | "balance_strategy"
  | "fallback_models"
  | "context_fallback_model"
  | "content_filter_fallback"
  | "timeouts"
>;

/**
 * The columns of the settings given, as stored: only keys present in `settings` appear, so the result
 * serves an insert (all settings) and a partial update alike. Capability and timeout keys whose value is
 * undefined are left out of their JSON (absent = unknown), as JSON.stringify does.
 */
export function fromModelSettings(settings: Partial<ModelSettings>): Partial<ModelSettingsColumns> {
  const row: Partial<ModelSettingsColumns> = {};
  if (settings.aliases !== undefined) row.aliases = JSON.stringify(settings.aliases);
  if (settings.capabilities !== undefined) row.capabilities = JSON.stringify(settings.capabilities);
  if (settings.unsupportedParams !== undefined) row.unsupported_params = settings.unsupportedParams;
  if (settings.balanceStrategy !== undefined) row.balance_strategy = settings.balanceStrategy;
  if (settings.fallbackModels !== undefined) row.fallback_models = JSON.stringify(settings.fallbackModels);
  if (settings.contextFallbackModel !== undefined) row.context_fallback_model = settings.contextFallbackModel;
  if (settings.contentFilterFallback !== undefined)
    row.content_filter_fallback = settings.contentFilterFallback ? 1 : 0;
  if (settings.timeouts !== undefined) row.timeouts = JSON.stringify(settings.timeouts);
  return row;
}

export function toDeployment(row: DeploymentsTable): Deployment {
  return {
    id: row.id,
    modelId: row.model_id,
    providerId: row.provider_id,
    upstreamModel: row.upstream_model,
    weight: row.weight,
    priority: row.priority,
    rpm: nullableNumber(row.rpm),
    tpm: nullableNumber(row.tpm),
    region: row.region,
    createdAt: Number(row.created_at),
  };
}

export function toUsageRecord(row: Selectable<UsageRecordsTable>): UsageRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    apiKeyId: row.api_key_id,
    userId: row.user_id,
    model: row.model,
    providerId: row.provider_id,
    deploymentId: row.deployment_id,
    upstreamModel: row.upstream_model,
    surface: row.surface,
    stream: row.stream === 1,
    startedAt: Number(row.started_at),
    status: row.status as UsageStatus,
    httpStatus: row.http_status,
    errorCode: row.error_code,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    usageEstimated: row.usage_estimated === 1,
    costNano: Number(row.cost_nano),
    finishedAt: nullableNumber(row.finished_at),
    ttfbMs: row.ttfb_ms,
    attempts: JSON.parse(row.attempts) as unknown[],
    cacheWrite1hTokens: row.cache_write_1h_tokens,
    imageTokens: row.image_tokens,
    audioTokens: row.audio_tokens,
    priceVersion: row.price_version,
    unpriced: row.unpriced === 1,
    streamOutcome: row.stream_outcome as UsageRecord["streamOutcome"],
    latencyMs: row.latency_ms,
  };
}

export function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function parseNullableJson<T>(value: string | null): T | null {
  return value === null ? null : (JSON.parse(value) as T);
}
