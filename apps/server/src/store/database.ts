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
  smtp_settings: SmtpSettingsTable;
  sso_login_states: SsoLoginStatesTable;
  config_revisions: ConfigRevisionsTable;
  price_book_entries: PriceBookEntriesTable;
  pricing_settings: PricingSettingsTable;
  rate_limits: RateLimitsTable;
  budgets: BudgetsTable;
  budget_counters: BudgetCountersTable;
  budget_reservations: BudgetReservationsTable;
  budget_notifications: BudgetNotificationsTable;
  budget_webhooks: BudgetWebhooksTable;
  plans: PlansTable;
  tenant_billing: TenantBillingTable;
  credit_ledger: CreditLedgerTable;
  redemption_codes: RedemptionCodesTable;
  redemptions: RedemptionsTable;
  stripe_events: StripeEventsTable;
  usage_rollup_minute: UsageRollupTable;
  usage_rollup_hour: UsageRollupTable;
  usage_rollup_day: UsageRollupTable;
  usage_rollup_hour_keys: UsageRollupTable;
  usage_rollup_day_keys: UsageRollupTable;
  usage_retention: UsageRetentionTable;
  capture_settings: CaptureSettingsTable;
  prompt_captures: PromptCapturesTable;
  chat_conversations: ChatConversationsTable;
  chat_messages: ChatMessagesTable;
  chat_presets: ChatPresetsTable;
  chat_shares: ChatSharesTable;
  stored_responses: StoredResponsesTable;
  chat_files: ChatFilesTable;
  chat_file_quota_locks: ChatFileQuotaLocksTable;
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
  /** 1: left out of routing (kept, with its deployments, for when it is enabled again); 0: enabled. */
  disabled: number;
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
  /** Migration 0007: see UsageFinal for each column's meaning. */
  user_id: string | null;
  cache_write_1h_tokens: Generated<number>;
  image_tokens: Generated<number>;
  audio_tokens: Generated<number>;
  price_version: string | null;
  unpriced: Generated<number>;
  stream_outcome: string | null;
  latency_ms: number | null;
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
  /** The session's sign-in time, user agent and address (migration 0013; null on older rows). */
  started_at: number | null;
  user_agent: string | null;
  ip: string | null;
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

/** The installation's SMTP server set in the console (migration 0014); booleans 0/1. */
export interface SmtpSettingsTable {
  id: string;
  host: string;
  port: number;
  secure: number;
  username: string | null;
  /** JSON of a SealedSecret. */
  password_sealed: string | null;
  from_address: string;
  updated_at: number;
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

/** One model's prices in a tenant's price book (0008): `prices` is JSON of a PriceSheet. */
export interface PriceBookEntriesTable {
  tenant_id: string;
  model: string;
  prices: string;
  created_at: number;
  updated_at: number;
}

/** A tenant's pricing settings (0008): markup in basis points, "refuse" or "record" unpriced models. */
export interface PricingSettingsTable {
  tenant_id: string;
  markup_bps: number;
  unpriced_models: string;
  updated_at: number;
}
/** Rate limits (migration 0009); `model` is '' for every model. */
export interface RateLimitsTable {
  id: string;
  tenant_id: string;
  scope_kind: string;
  scope_id: string;
  model: string;
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
  created_at: number;
  updated_at: number;
}

/** Budgets and quotas (migration 0010); `cap` is nano-USD for metric `cost`, tokens for `tokens`. */
export interface BudgetsTable {
  id: string;
  tenant_id: string;
  scope_kind: string;
  scope_id: string;
  metric: string;
  period: string;
  cap: number;
  set_by: string;
  created_at: number;
  updated_at: number;
}

export interface BudgetCountersTable {
  budget_id: string;
  period_start: number;
  tenant_id: string;
  spent: number;
  reserved: number;
}

export interface BudgetReservationsTable {
  id: string;
  tenant_id: string;
  /** JSON array of {budgetId, periodStart, amount}. */
  lines: string;
  expires_at: number;
}

export interface BudgetNotificationsTable {
  budget_id: string;
  period_start: number;
  threshold: number;
  tenant_id: string;
  created_at: number;
}

export interface BudgetWebhooksTable {
  tenant_id: string;
  url: string;
  secret_sealed: string;
  updated_at: number;
}

/** Installation-wide plans (migration 0011); `models` is a JSON array of model patterns. */
export interface PlansTable {
  id: string;
  name: string;
  models: string;
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
  included_nano: number | null;
  included_tokens: number | null;
  stripe_price_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A tenant's plan, prepaid flag and credit balance counters (nano-USD; see migration 0011). */
export interface TenantBillingTable {
  tenant_id: string;
  plan_id: string | null;
  prepaid: Generated<number>;
  ledger_nano: Generated<number>;
  unflushed_nano: Generated<number>;
  reserved_nano: Generated<number>;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  updated_at: number;
}

export interface CreditLedgerTable {
  id: string;
  tenant_id: string;
  kind: string;
  amount_nano: number;
  description: string;
  reference: string | null;
  created_at: number;
}

export interface RedemptionCodesTable {
  id: string;
  code_hash: string;
  value_nano: number;
  expires_at: number | null;
  max_uses: number;
  uses: Generated<number>;
  note: string;
  created_at: number;
}

export interface RedemptionsTable {
  code_id: string;
  tenant_id: string;
  created_at: number;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  received_at: number;
}
/**
 * A rollup row (migration 0012, store/usage/rollup-layout.ts): one bucket of one combination of
 * dimensions. Null user and provider are stored as "" (key columns are NOT NULL). The coarse tables
 * (minute, hour, day) have no api_key_id and user_id columns; the `_keys` tables have every column.
 */
export interface UsageRollupTable {
  tenant_id: string;
  bucket_start: number;
  workspace_id: string;
  api_key_id: string;
  user_id: string;
  model: string;
  provider_id: string;
  status_class: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_nano: number;
  lat_00: number;
  lat_01: number;
  lat_02: number;
  lat_03: number;
  lat_04: number;
  lat_05: number;
  lat_06: number;
  lat_07: number;
  lat_08: number;
  lat_09: number;
  lat_10: number;
  lat_11: number;
  lat_12: number;
  lat_13: number;
  lat_14: number;
  lat_15: number;
}

/** A tenant's usage retention in days (migration 0012); null = the default for that kind. */
export interface UsageRetentionTable {
  tenant_id: string;
  raw_days: number | null;
  minute_days: number | null;
  hour_days: number | null;
  day_days: number | null;
  updated_at: number;
}

/** A tenant's prompt capture switch (migration 0015); no row: off. */
export interface CaptureSettingsTable {
  tenant_id: string;
  enabled: number;
  max_bytes: number;
  updated_at: number;
}

/** One request's captured bodies, sealed (migration 0015); id = the usage record's id. */
export interface PromptCapturesTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  created_at: number;
  key_id: string;
  request_body: string;
  response_body: string | null;
  request_bytes: number;
  response_bytes: number;
  request_truncated: number;
  response_truncated: number;
}

/** A user's chat conversation (migration 0017); `search` (PostgreSQL only) is generated from the title. */
export interface ChatConversationsTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  user_id: string;
  title: string;
  model: string;
  preset_id: string | null;
  pinned: number;
  archived: number;
  active_leaf_id: string | null;
  created_at: number;
  updated_at: number;
}

/** One message of a conversation's tree (migration 0017); `content_parts` is JSON text. */
export interface ChatMessagesTable {
  id: string;
  conversation_id: string;
  tenant_id: string;
  parent_id: string | null;
  role: string;
  content_text: string;
  content_parts: string;
  model: string | null;
  usage_record_id: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_nano: number;
  created_at: number;
  /** 'done' | 'streaming' | 'stopped' | 'failed' (migration 0020). */
  status: string;
  /** Why a 'failed' answer failed. */
  error: string | null;
  /** 1 once someone asked the answer's run to stop (any instance; the running one reads it at flush). */
  stop_requested: number;
  /** When a streaming answer's text was last written; null for a message that never streamed. */
  flushed_at: number | null;
}

/**
 * A chat preset (migration 0018); `parameters` is JSON ({ temperature?, topP?, maxTokens? }); `tools` the
 * function tools as JSON (migration 0022).
 */
export interface ChatPresetsTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  description: string;
  system_prompt: string;
  model: string;
  parameters: string;
  tools: string;
  shared: number;
  created_at: number;
  updated_at: number;
}

/** A read-only share link (migration 0018): the token's SHA-256 and the snapshot (`messages`, JSON). */
export interface ChatSharesTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  user_id: string;
  token_hash: string;
  title: string;
  messages: string;
  message_count: number;
  created_at: number;
  revoked_at: number | null;
}

/** One stored Responses API answer (migration 0021); `payload` is a sealed envelope. */
export interface StoredResponsesTable {
  id: string;
  tenant_id: string;
  api_key_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
  status: string;
  model: string;
  previous_response_id: string | null;
  key_id: string;
  payload: string;
}

/** A chat attachment (migration 0019): the bytes, the sniffed type, and a document's extracted text. */
export interface ChatFilesTable {
  id: string;
  tenant_id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  media_type: string;
  kind: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  extracted_text: string | null;
  created_at: number;
}

/** One row per tenant, updated first by every upload: its lock serialises the tenant's quota checks. */
export interface ChatFileQuotaLocksTable {
  tenant_id: string;
  uploads: number;
}
