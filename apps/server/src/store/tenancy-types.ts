import type { TenantCapturesRepo } from "./captures/capture-types.js";
import type { TenantChatAnswersRepo } from "./chat/chat-answers-repo.js";
import type { TenantChatRepo } from "./chat/chat-types.js";
import type { TenantChatFilesRepo } from "./chat-files/chat-files-types.js";
import type { TenantChatImportRepo } from "./chat-library/chat-import-repo.js";
import type { TenantChatPresetsRepo, TenantChatSharesRepo } from "./chat-library/chat-library-types.js";
import type { TenantPricingRepo } from "./pricing/pricing-types.js";
import type { RateLimitsRepo } from "./rate-limits/rate-limit-types.js";
import type { SsoLoginsRepo, TenantSsoLoginsRepo, TenantSsoRepo } from "./sso/sso-types.js";
import type { ApiKey, Tenant, Workspace } from "./store-types.js";
import type { UsageAnalyticsRepo } from "./usage/usage-analytics-repo.js";
import type { UsageLogRepo } from "./usage/usage-log-repo.js";
import type { UsageRetentionRepo } from "./usage/usage-retention-repo.js";

/**
 * The rows and repositories of tenancy (migration 0003): memberships, workspace members, custom roles,
 * service accounts, invitations, the audit log, sessions and single-use tokens.
 *
 * Lists are cursor-paginated: `PageRequest` in, `Page` out. The cursor is opaque to callers (the store
 * encodes the last row's creation time and id); `order` is by creation time, ties by id.
 */
export interface PageRequest {
  /** 1–200. */
  limit: number;
  cursor?: string;
  order: "asc" | "desc";
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Membership {
  tenantId: string;
  userId: string;
  /** A built-in role name or a custom role's id. */
  role: string;
  createdAt: number;
  /** The member's account, joined for listings. */
  email: string;
  name: string;
}

export interface WorkspaceMembership extends Membership {
  workspaceId: string;
}

export interface CustomRole {
  id: string;
  tenantId: string;
  name: string;
  permissions: string[];
  createdAt: number;
}

export interface ServiceAccount {
  id: string;
  tenantId: string;
  workspaceId: string;
  name: string;
  role: string;
  createdAt: number;
}

export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  role: string;
  workspaceId: string | null;
  workspaceRole: string | null;
  invitedBy: string | null;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  revokedAt: number | null;
}

export type AuditActorKind = "user" | "api_key" | "service_account" | "system";

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: number;
  actorKind: AuditActorKind;
  actorId: string | null;
  action: string;
  targetKind: string;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Secrets already removed by the caller. */
  before: unknown;
  after: unknown;
}

export type AuditInput = Omit<AuditEntry, "id" | "at" | "tenantId">;

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetKind?: string;
  targetId?: string;
  /** Unix ms, inclusive. */
  since?: number;
  /** Unix ms, exclusive. */
  until?: number;
}

export interface ApiKeyFilter {
  workspaceId?: string;
  /** Restricts the listing to these workspaces (a member sees their own workspaces' keys). */
  workspaceIds?: readonly string[];
  userId?: string;
  serviceAccountId?: string;
  status?: "active" | "revoked" | "expired";
}

export type ApiKeyPatch = Partial<
  Pick<ApiKey, "name" | "expiresAt" | "allowedModels" | "allowedCidrs" | "metadata">
>;

export type WorkspacePatch = Partial<Pick<Workspace, "name" | "allowedModels">>;

/**
 * A tenant's repositories. Built by `store.forTenant(tenantId)`: every query it runs is bound to that
 * tenant, so a row of another tenant reads as absent (undefined / false / not in a page).
 * Every mutation of keys, workspaces (allowed models), memberships or roles bumps the configuration
 * revision in its transaction, like the existing repositories.
 */
export interface TenantStore {
  readonly tenantId: string;
  /** The request log: filtered, keyset-paginated pages and one record's detail (store/usage/). */
  usageLog: UsageLogRepo;
  /** Time series and top-N read from the usage rollups only (store/usage/). */
  usageAnalytics: UsageAnalyticsRepo;
  /** How long the tenant's usage is kept (store/usage/). */
  usageRetention: UsageRetentionRepo;
  workspaces: {
    create(input: { name: string; allowedModels: string[] | null }): Promise<Workspace>;
    get(id: string): Promise<Workspace | undefined>;
    list(page: PageRequest, filter?: { ids?: readonly string[] }): Promise<Page<Workspace>>;
    update(id: string, patch: WorkspacePatch): Promise<Workspace | undefined>;
    /** Removes the workspace with its keys, members and service accounts. */
    remove(id: string): Promise<boolean>;
  };
  members: {
    /** `conflict` when the user is already a member; `not_found` when the user does not exist. */
    add(userId: string, role: string): Promise<Membership>;
    get(userId: string): Promise<Membership | undefined>;
    /** A page of members, of one role only when `filter.role` is set. */
    list(page: PageRequest, filter?: { role?: string }): Promise<Page<Membership>>;
    setRole(userId: string, role: string): Promise<Membership | undefined>;
    /** Removes the membership and the user's workspace memberships in this tenant. */
    remove(userId: string): Promise<boolean>;
    /** How many members have this role (the last owner cannot be removed or demoted). */
    countWithRole(role: string): Promise<number>;
  };
  workspaceMembers: {
    /** Adds or changes the role (upsert). `not_found` when the workspace is not in the tenant or the user
     * is not a member of the tenant. */
    put(workspaceId: string, userId: string, role: string): Promise<WorkspaceMembership>;
    list(workspaceId: string, page: PageRequest): Promise<Page<WorkspaceMembership>>;
    remove(workspaceId: string, userId: string): Promise<boolean>;
    /** The workspaces a user is a member of in this tenant, with their role there. */
    ofUser(userId: string): Promise<{ workspaceId: string; role: string }[]>;
  };
  roles: {
    /** `conflict` when the name is taken in the tenant (case-insensitive). */
    create(input: { name: string; permissions: string[] }): Promise<CustomRole>;
    get(id: string): Promise<CustomRole | undefined>;
    list(page: PageRequest): Promise<Page<CustomRole>>;
    update(id: string, patch: { name?: string; permissions?: string[] }): Promise<CustomRole | undefined>;
    /** `conflict` while a member or service account holds the role. */
    remove(id: string): Promise<boolean>;
  };
  serviceAccounts: {
    /** `not_found` when the workspace is not in the tenant. No revision bump (it has no keys yet). */
    create(input: { workspaceId: string; name: string; role: string }): Promise<ServiceAccount>;
    get(id: string): Promise<ServiceAccount | undefined>;
    list(page: PageRequest): Promise<Page<ServiceAccount>>;
    /** Removes the account and revokes its keys. */
    remove(id: string): Promise<boolean>;
  };
  apiKeys: {
    list(page: PageRequest, filter?: ApiKeyFilter): Promise<Page<ApiKey>>;
    /** undefined when the key is not in the tenant; an empty patch answers the key unchanged, with no bump. */
    update(id: string, patch: ApiKeyPatch): Promise<ApiKey | undefined>;
    /** Sets `expiresAt` to min(current, at) on an active key: the old key's grace period in a rotation.
     * false when the key is not in the tenant, revoked or already expired; true (with no bump when it
     * already expires by `at`) otherwise. */
    expireAt(id: string, at: number): Promise<boolean>;
  };
  invitations: {
    create(
      input: Omit<Invitation, "id" | "tenantId" | "createdAt" | "acceptedAt" | "revokedAt"> & {
        tokenHash: string;
      },
    ): Promise<Invitation>;
    get(id: string): Promise<Invitation | undefined>;
    list(
      page: PageRequest,
      filter?: { status?: "pending" | "accepted" | "revoked" | "expired" },
    ): Promise<Page<Invitation>>;
    /** false when it is not in the tenant, or was accepted or revoked already. */
    revoke(id: string): Promise<boolean>;
  };
  audit: {
    append(entry: AuditInput): Promise<AuditEntry>;
    /** Newest first unless `order` is asc. */
    list(page: PageRequest, filter?: AuditFilter): Promise<Page<AuditEntry>>;
  };
  /** Single sign-on settings (migration 0004). */
  sso: TenantSsoRepo;
  /** Single sign-on logins being started. */
  ssoLogins: TenantSsoLoginsRepo;
  /** The price book and pricing settings (migration 0008). */
  pricing: TenantPricingRepo;
  /** The prompt capture setting and captures (migration 0015). */
  captures: TenantCapturesRepo;
  /** Chat conversations and their message trees, per user and workspace (migration 0017, docs/chat.md). */
  chat: TenantChatRepo;
  /** Answers the server runs: their text flushed as it streams, stop requests, stale runs (migration 0020). */
  chatAnswers: TenantChatAnswersRepo;
  /** Chat presets, private or shared with the workspace (migration 0018, docs/chat.md). */
  chatPresets: TenantChatPresetsRepo;
  /** Read-only share links of conversations (migration 0018). */
  chatShares: TenantChatSharesRepo;
  /** Conversations imported from a file, in one transaction. */
  chatImport: TenantChatImportRepo;
  /** Chat attachments, the bytes in the database, per-tenant quota (migration 0019). */
  chatFiles: TenantChatFilesRepo;
  /** Rate limits (migration 0009). */
  rateLimits: RateLimitsRepo;
}

export interface RefreshTokenRow {
  id: string;
  userId: string;
  familyId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
  /** The session's sign-in time (the family's first token), user agent and address. */
  startedAt: number;
  userAgent: string | null;
  ip: string | null;
}

/** Installation-wide account data: sessions and single-use tokens (users are not tenant-owned). */
export interface AccountsStore {
  /** The tenants a user belongs to, with the role there. */
  membershipsOf(userId: string): Promise<{ tenantId: string; tenantName: string; role: string }[]>;
  /** A page of the tenants a user belongs to, ordered by the tenant's creation, with the role there. */
  tenantsOf(userId: string, page: PageRequest): Promise<Page<Tenant & { role: string }>>;
  setPassword(userId: string, passwordHash: string): Promise<void>;
  /** The person's display name (their own profile). */
  setName(userId: string, name: string): Promise<void>;
  markEmailVerified(userId: string): Promise<void>;
  /** Refuses every access token issued before `at` and revokes every refresh token of the user. */
  endSessions(userId: string, at: number): Promise<void>;
  refreshTokens: {
    insert(input: {
      userId: string;
      familyId: string;
      tokenHash: string;
      expiresAt: number;
      /** The session's sign-in time, user agent and address: set at login, copied on every rotation. */
      startedAt?: number;
      userAgent?: string | null;
      ip?: string | null;
    }): Promise<RefreshTokenRow>;
    findByHash(tokenHash: string): Promise<RefreshTokenRow | undefined>;
    /** Marks the token used if it was unused and not revoked; false when it was already used or revoked
     * (a second caller racing on the same token gets false: exactly one rotation wins). */
    markUsed(id: string): Promise<boolean>;
    revokeFamily(familyId: string): Promise<void>;
    /** A page of the user's live sessions (the unused, unrevoked, unexpired token of each family),
     * ordered by sign-in time. */
    listLive(userId: string, page: PageRequest): Promise<Page<RefreshTokenRow>>;
    /** Revokes the family if it is the user's and still live; false otherwise (nothing changed). */
    revokeLiveFamily(userId: string, familyId: string): Promise<boolean>;
    /** Whether the family still has an unrevoked token (a session that has not been ended). */
    familyAlive(familyId: string): Promise<boolean>;
  };
  oneTimeTokens: {
    create(input: { purpose: string; userId: string; tokenHash: string; expiresAt: number }): Promise<void>;
    /** Uses the token once: its user id when it exists for this purpose, is unused and unexpired; the same
     * token a second time answers undefined. */
    consume(purpose: string, tokenHash: string): Promise<string | undefined>;
  };
  invitations: {
    /** A pending (not accepted, not revoked, not expired) invitation by its token's hash, any tenant. */
    findPendingByHash(tokenHash: string): Promise<Invitation | undefined>;
    /** Marks it accepted once; false when it was accepted or revoked meanwhile. */
    accept(id: string): Promise<boolean>;
  };
  /** Single sign-on logins being finished (found by their state, any tenant). */
  ssoLogins: SsoLoginsRepo;
}
