import type { Generated } from "kysely";

/**
 * Kysely's view of the schema built by `migrations/`: snake_case columns exactly as stored. Times are Unix
 * milliseconds (bigint on PostgreSQL, parsed back to numbers), money is integer nano-USD, booleans are
 * integers 0/1 on both dialects, JSON is text. Row mappers turn these into the Store's camelCase rows.
 */
export interface DB {
  meta: MetaTable;
  tenants: TenantsTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  providers: ProvidersTable;
  models: ModelsTable;
  deployments: DeploymentsTable;
  usage_records: UsageRecordsTable;
  memberships: MembershipsTable;
  workspace_members: WorkspaceMembersTable;
  roles: RolesTable;
  service_accounts: ServiceAccountsTable;
  refresh_tokens: RefreshTokensTable;
  one_time_tokens: OneTimeTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  sso_configs: SsoConfigsTable;
  sso_login_states: SsoLoginStatesTable;
  config_revisions: ConfigRevisionsTable;
}

/** Key-value counters; holds the configuration revision under {@link CONFIG_REVISION_KEY}. */
export interface MetaTable {
  key: string;
  value: number;
}

export const CONFIG_REVISION_KEY = "config_revision";

export interface TenantsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface WorkspacesTable {
  id: string;
  tenant_id: string;
  name: string;
  created_at: number;
  /** JSON array of model patterns; null allows every model (migration 0003). */
  allowed_models: string | null;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
  email_verified_at: number | null;
  /** Access tokens issued before this instant are refused (migration 0003). */
  sessions_valid_after: number;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  user_id: string | null;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  service_account_id: string | null;
  /** JSON arrays; null allows every model / every address (migration 0003). */
  allowed_models: string | null;
  allowed_cidrs: string | null;
  /** JSON object of string values. */
  metadata: string;
  last_used_at: number | null;
}

export interface ProvidersTable {
  id: string;
  tenant_id: string;
  name: string;
  kind: string;
  base_url: string;
  credentials_key_id: string | null;
  credentials_ciphertext: string | null;
  /** "…1234": the only part of the credential ever shown; null for none or not yet known. */
  credentials_last_four: string | null;
  /** "platform" (registered by the operator) or "tenant" (registered through the tenant API). */
  origin: string;
  /** JSON object. */
  config: string;
  created_at: number;
}

export interface ModelsTable {
  id: string;
  tenant_id: string;
  name: string;
  input_price_per_mtok: number;
  output_price_per_mtok: number;
  context_window: number | null;
  max_output_tokens: number | null;
  created_at: number;
  /** JSON array of extra public names (migration 0002). */
  aliases: string;
  /** JSON object `{ tools?, vision?, json?, reasoning? }`; an absent key is unknown. */
  capabilities: string;
  /** 'drop' | 'refuse'. */
  unsupported_params: string;
  /** weighted_random | least_in_flight | lowest_latency | lowest_cost. */
  balance_strategy: string;
  /** JSON array of model names. */
  fallback_models: string;
  context_fallback_model: string | null;
  /** 0/1. */
  content_filter_fallback: number;
  /** JSON object `{ connectMs?, firstByteMs?, idleMs?, totalMs? }`. */
  timeouts: string;
}

export interface DeploymentsTable {
  id: string;
  /** Denormalised from the model so tenant-scoped deletes need no join. */
  tenant_id: string;
  model_id: string;
  provider_id: string;
  upstream_model: string;
  weight: number;
  priority: number;
  created_at: number;
  /** Requests and tokens per minute the deployment accepts (migration 0002); null = no known limit. */
  rpm: number | null;
  tpm: number | null;
  region: string | null;
}

export interface UsageRecordsTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  api_key_id: string;
  model: string;
  provider_id: string | null;
  deployment_id: string | null;
  upstream_model: string | null;
  surface: string;
  stream: number;
  started_at: number;
  status: string;
  http_status: number | null;
  error_code: string | null;
  input_tokens: Generated<number>;
  output_tokens: Generated<number>;
  cache_read_tokens: Generated<number>;
  cache_write_tokens: Generated<number>;
  reasoning_tokens: Generated<number>;
  usage_estimated: Generated<number>;
  cost_nano: Generated<number>;
  finished_at: number | null;
  ttfb_ms: number | null;
  /** JSON array: the attempt chain. Columns with defaults are `Generated`: a pending insert omits them. */
  attempts: Generated<string>;
}

/** A user's membership of a tenant (migration 0003). `role` is a built-in role name or a custom role id. */
export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface WorkspaceMembersTable {
  tenant_id: string;
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface RolesTable {
  id: string;
  tenant_id: string;
  name: string;
  /** JSON array of permission names. */
  permissions: string;
  created_at: number;
}

export interface ServiceAccountsTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  name: string;
  role: string;
  created_at: number;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface OneTimeTokensTable {
  id: string;
  purpose: string;
  user_id: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface InvitationsTable {
  id: string;
  tenant_id: string;
  email: string;
  role: string;
  workspace_id: string | null;
  workspace_role: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: string;
  tenant_id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_kind: string;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before: string | null;
  after: string | null;
}

/** A tenant's OpenID Connect settings (migration 0004). JSON columns are text; booleans 0/1. */
export interface SsoConfigsTable {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  client_secret_last_four: string;
  extra_scopes: string;
  mapping: string;
  allowed_domains: string;
  jit_provisioning: number;
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** A single sign-on login under way: found by its state's hash, used once. */
export interface SsoLoginStatesTable {
  id: string;
  tenant_id: string;
  state_hash: string;
  secrets_sealed: string;
  redirect_path: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** One scope of configuration (a tenant and a kind) and the change sequence of its last change (0006). */
export interface ConfigRevisionsTable {
  tenant_id: string;
  kind: string;
  revision: number;
  seq: number;
}
