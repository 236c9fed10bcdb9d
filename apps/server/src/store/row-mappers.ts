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
  Provider,
  ProviderKind,
  Tenant,
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
  return { id: row.id, tenantId: row.tenant_id, name: row.name, createdAt: Number(row.created_at) };
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
  };
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
    config: JSON.parse(row.config) as Record<string, unknown>,
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
  };
}

export function toDeployment(row: DeploymentsTable): Deployment {
  return {
    id: row.id,
    modelId: row.model_id,
    providerId: row.provider_id,
    upstreamModel: row.upstream_model,
    weight: row.weight,
    priority: row.priority,
    createdAt: Number(row.created_at),
  };
}

export function toUsageRecord(row: Selectable<UsageRecordsTable>): UsageRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    apiKeyId: row.api_key_id,
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
  };
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
