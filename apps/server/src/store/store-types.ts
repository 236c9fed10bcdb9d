/**
 * Rows and inputs of the Store, in the application's terms (camelCase, numbers, booleans).
 * Times are Unix milliseconds; money is integer nano-USD (DESIGN.md invariant 1).
 */

import type { Deployment } from "../domain/deployment.js";
import type { Model, ModelSettings } from "../domain/model.js";
import type { Provider } from "../domain/provider.js";
import type { SealedSecret } from "../domain/sealed-secret.js";

// Domain types live in ../domain (every layer may use them); the store re-exports them for its own files.
export type { Deployment } from "../domain/deployment.js";
export type {
  Model,
  ModelBalanceStrategy,
  ModelCapabilities,
  ModelSettings,
  ModelTimeouts,
  ModelWithDeployments,
  UnsupportedParamsPolicy,
} from "../domain/model.js";
export type { Provider, ProviderKind, ProviderOrigin } from "../domain/provider.js";
export type { SealedSecret } from "../domain/sealed-secret.js";

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
  /** Model name patterns every key of the workspace is limited to; null allows every model. */
  allowedModels: string[] | null;
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
  emailVerifiedAt: number | null;
  /** Access tokens issued before this instant (Unix ms) are refused; 0 refuses none. */
  sessionsValidAfter: number;
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
  /** The service account the key acts for; null for a user's or a workspace's key. */
  serviceAccountId: string | null;
  /** Model name patterns the key may call; null allows every model (the workspace's list still applies). */
  allowedModels: string[] | null;
  /** CIDR blocks the key may be used from; null allows every address. */
  allowedCidrs: string[] | null;
  /** Free-form labels set by the key's owner. */
  metadata: Record<string, string>;
  /** When the key last authenticated a request; written in batches, so up to one flush interval stale. */
  lastUsedAt: number | null;
}

/** A new key; the service account, allow-lists and metadata are optional (null, null, null, {}). */
export type ApiKeyInput = Omit<
  ApiKey,
  | "id"
  | "createdAt"
  | "revokedAt"
  | "lastUsedAt"
  | "serviceAccountId"
  | "allowedModels"
  | "allowedCidrs"
  | "metadata"
> &
  Partial<Pick<ApiKey, "serviceAccountId" | "allowedModels" | "allowedCidrs" | "metadata">>;

/**
 * A new provider. `id` may be chosen by the caller (credentials are sealed with the record id as associated
 * data, so they are sealed before the row exists); `origin` defaults to "platform".
 */
export type ProviderInput = Omit<
  Provider,
  "id" | "createdAt" | "origin" | "credentialsLastFour" | "disabled"
> &
  Partial<Pick<Provider, "id" | "origin" | "credentialsLastFour" | "disabled">>;

/** A change to a provider: only the fields given change; `credentials` replaces the sealed credentials and
 * their hint together (null removes both). */
export interface ProviderPatch {
  name?: string;
  baseUrl?: string;
  config?: Record<string, unknown>;
  credentials?: { sealed: SealedSecret; lastFour: string | null } | null;
  origin?: Provider["origin"];
  disabled?: boolean;
}

/** One provider's sealed credentials, as the key-rotation command walks them. */
export interface SealedProviderCredentials {
  id: string;
  tenantId: string;
  credentials: SealedSecret;
  credentialsLastFour: string | null;
}

/** A new model; the routing settings are optional and take their defaults. */
export type ModelInput = Omit<Model, "id" | "createdAt" | keyof ModelSettings> & Partial<ModelSettings>;

/** A change to a model: only the fields given change. */
export type ModelPatch = Partial<Omit<Model, "id" | "tenantId" | "createdAt">>;

/** A new deployment; rpm, tpm and region default to null. */
export type DeploymentInput = Omit<Deployment, "id" | "createdAt" | "rpm" | "tpm" | "region"> &
  Partial<Pick<Deployment, "rpm" | "tpm" | "region">>;

/** A change to a deployment's balancing and limits: only the fields given change. */
export type DeploymentPatch = Partial<Pick<Deployment, "weight" | "priority" | "rpm" | "tpm" | "region">>;

export type UsageStatus = "pending" | "success" | "error" | "interrupted";

/** Written before the upstream call (DESIGN.md invariant 3). `id` is the request id. */
export interface PendingUsage {
  id: string;
  tenantId: string;
  workspaceId: string;
  apiKeyId: string;
  /** The person the key belongs to (null for a service account's key). */
  userId: string | null;
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
  /** Of `cacheWriteTokens`, those written with a 1-hour TTL (Anthropic prices them at 2× input, 5-minute
   * writes at 1.25×). */
  cacheWrite1hTokens: number;
  /** Of the input tokens, those of images, when the upstream reports them. */
  imageTokens: number;
  /** Of the input and output tokens, those of audio, when the upstream reports them. */
  audioTokens: number;
  /** True when counts were estimated (the upstream reported none, e.g. a cut stream). */
  usageEstimated: boolean;
  costNano: number;
  /** The version of the price the cost was computed at (e.g. "2026-11-01"), null when there was none. */
  priceVersion: string | null;
  /** True when the model had no price and the record was kept (flagged) at cost 0, per the tenant setting. */
  unpriced: boolean;
  /** How a streamed answer ended: completed, client_closed (the client left), cut (the upstream stopped
   * early); null for answers that were not streamed. */
  streamOutcome: "completed" | "client_closed" | "cut" | null;
  finishedAt: number;
  ttfbMs: number | null;
  /** From the request's arrival to its last byte. */
  latencyMs: number | null;
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
