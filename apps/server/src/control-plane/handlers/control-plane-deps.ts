import type { Permission } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { AccessControl, TenantAccess } from "../../auth/access-control.js";
import type { CredentialVault } from "../../crypto/credential-vault.js";
import type { SecretBox } from "../../crypto/secret-box.js";
import type { ApiPrincipal } from "../../domain/api-principal.js";
import type { ReservationLedger } from "../../domain/budget.js";
import type { Mailer } from "../../email/mailer.js";
import type { RuntimeMailer } from "../../email/runtime-mailer.js";
import type { IdpFetchOptions } from "../../identity/oidc/fetch-idp-json.js";
import type { OidcProviderCache } from "../../identity/oidc/oidc-provider-cache.js";
import type { PasswordHasher } from "../../identity/session/password-hasher.js";
import type { SessionService } from "../../identity/session/session-service.js";
import type { SsoLoginSweeper } from "../../identity/sso/sso-login-sweeper.js";
import type { SsoRateLimiter } from "../../identity/sso/sso-rate-limiter.js";
import type { RateLimitUse } from "../../limits/current-use.js";
import type { PriceCatalog } from "../../metering/pricing/price-catalog.js";
import type { PrivateUpstreamAllowList } from "../../security/private-upstream-allow-list.js";
import type { RateLimitRule } from "../../store/rate-limits/rate-limit-types.js";
import type { Store } from "../../store/store.js";
import type { AuditActorKind, PageRequest } from "../../store/tenancy-types.js";
import type { ChatAnswerRuns } from "../chat-answers/chat-answer-runs.js";
import type { RequestMeta } from "../contract-router/register-contract.js";
import type { HealthSources } from "../deployment-health.js";
import type { UsageLiveHub } from "../usage-live/usage-live-hub.js";

/** Sign-up policy and links, from the configuration. */
export interface IdentitySettings {
  /** Whether anyone may create an account (and with it their own tenant). */
  signUpEnabled: boolean;
  /** When non-empty, sign-up and SSO accept only these email domains (lowercase). */
  signUpDomains: readonly string[];
  /** Where the console is reached, for links in emails. */
  publicUrl: string;
}

/** What the provider operations need besides the store. */
export interface ProviderSettings {
  /** Seals and opens provider credentials. */
  vault: CredentialVault;
  /** Private upstreams tenants' providers may reach anyway (GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS). */
  allowList: PrivateUpstreamAllowList;
  /** The dispatcher of tenant-registered providers: private addresses refused at connect time. */
  tenantUpstream: Dispatcher;
  /** The dispatcher of operator-registered providers (the gateway's default). */
  platformUpstream: Dispatcher;
}

/** What keeps single sign-on bounded and its providers' answers cached. */
export interface SsoGuards {
  limiter: SsoRateLimiter;
  /** Deletes every tenant's expired logins now and then, as logins start. */
  sweeper: SsoLoginSweeper;
  /** Identity providers' discovery documents and keys, kept across logins. */
  providers: OidcProviderCache;
  /** How identity providers are reached: through the SSRF guard, like tenants' upstreams. */
  idp: IdpFetchOptions;
  /** Unexpired logins a tenant may hold; 10 000 when unset. */
  maxLiveLogins?: number;
  /** Accept http issuers on 127.0.0.1/localhost (development and tests). */
  allowHttpLoopbackIssuer: boolean;
}

/** What every control-plane handler is built from. */
export interface ControlPlaneDeps {
  store: Store;
  access: AccessControl;
  sessions: SessionService;
  hasher: PasswordHasher;
  /** Seals secrets kept in the store (single sign-on client secrets). */
  secretBox: SecretBox;
  mailer: Mailer | undefined;
  /** The runtime mailer behind `mailer` (createApp's), to reload after the SMTP settings change. */
  mailerSettings?: RuntimeMailer | undefined;
  identity: IdentitySettings;
  health: HealthSources;
  providers: ProviderSettings;
  logger: Logger;
  now: () => number;
  /** Guards of the anonymous single sign-on operations. */
  sso: SsoGuards;
  /** The shipped price catalog (listed by pricing.catalog). */
  prices: PriceCatalog;
  /** The current use of rate limits, by limit id (the rate limiter's counters, consuming nothing). */
  rateLimitUse(rules: readonly RateLimitRule[]): Promise<ReadonlyMap<string, RateLimitUse>>;
  /**
   * Propagates the changes just committed: this instance applies their scopes before it resolves (so its
   * next request sees them) and announces them on the change bus to the other instances.
   */
  invalidate(): Promise<void>;
  /** Where budgets' current spend and reservations are read (the data plane's ledger). */
  budgetLedger: ReservationLedger;
  /** The open `usage.live` streams and the polls behind them. */
  usageLive: UsageLiveHub;
  /** The chat answers this instance runs, and the reading of any answer (docs/chat.md). */
  chatAnswers: ChatAnswerRuns;
  /** The wildcard models (`openai/*`) of a tenant with a reachable deployment, from the routing snapshot. */
  wildcardModels(tenantId: string): string[];
  /** Chat attachments: the bytes each tenant may store, all its users' files together. */
  chatFiles: { quotaBytes: number };
}

/** The part of a contract handler's input every handler reads. */
export interface CallContext {
  principal: ApiPrincipal | null;
  tenantId: string | null;
  request: RequestMeta;
}

const NOT_FOUND = "The resource does not exist.";

/**
 * The value, or the 404 every missing object gets. The router answers a caller without access to the
 * tenant with the same error, so a foreign object and a missing one cannot be told apart.
 */
export function found<T>(value: T | undefined): T {
  if (value === undefined) throw new GatewayError("not_found", NOT_FOUND);
  return value;
}

/** The signed-in user's id, for `user`-access operations (the router lets no one else through). */
export function userIdOf(ctx: CallContext): string {
  if (ctx.principal?.kind !== "user")
    throw new GatewayError("permission_denied", "Sign in as a user for this.");
  return ctx.principal.userId;
}

/** The caller's access in the path's tenant; the router already answered 404 when there is none. */
export async function accessIn(deps: ControlPlaneDeps, ctx: CallContext): Promise<TenantAccess> {
  const access = ctx.principal && ctx.tenantId && (await deps.access.accessOf(ctx.principal, ctx.tenantId));
  if (!access) throw new GatewayError("not_found", NOT_FOUND);
  return access;
}

/**
 * Checks a permission on one object's workspace: 404 when the caller may not even read objects there
 * (so objects of other teams are indistinguishable from missing ones), 403 when they may read but not
 * do this.
 */
export function requireIn(
  deps: ControlPlaneDeps,
  access: TenantAccess,
  permission: Permission,
  workspaceId: string,
  readPermission: Permission,
): void {
  if (deps.access.can(access, permission, workspaceId)) return;
  if (!deps.access.can(access, readPermission, workspaceId)) {
    throw new GatewayError("not_found", NOT_FOUND);
  }
  throw new GatewayError("permission_denied", `You may not ${permission.replace(":", " ")} here.`);
}

/**
 * Checks a permission across the whole tenant. The router lets a permission held in only some workspaces
 * through to an operation naming no workspace, for handlers that narrow their work to those workspaces;
 * a handler answering for the whole tenant (every member, every invitation) calls this instead.
 */
export function requireTenantWide(
  deps: ControlPlaneDeps,
  access: TenantAccess,
  permission: Permission,
): void {
  if (!deps.access.can(access, permission)) {
    throw new GatewayError(
      "permission_denied",
      `This operation needs the ${permission} permission across the tenant.`,
    );
  }
}

/** A page request from a contract's parsed PageQuery fields. */
export function pageOf(query: {
  limit: number;
  cursor?: string | undefined;
  order: "asc" | "desc";
}): PageRequest {
  return query.cursor === undefined
    ? { limit: query.limit, order: query.order }
    : { limit: query.limit, order: query.order, cursor: query.cursor };
}

/**
 * Appends an audit entry for a mutation in the caller's tenant: who, from where, what, and the object
 * before and after in its API shape (which never carries secrets: no key, hash or password).
 */
export async function audit(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  tenantId: string,
  action: string,
  target: { kind: string; id: string | null },
  before: unknown,
  after: unknown,
): Promise<void> {
  const actor = actorOf(ctx.principal);
  await deps.store.forTenant(tenantId).audit.append({
    actorKind: actor.kind,
    actorId: actor.id,
    action,
    targetKind: target.kind,
    targetId: target.id,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    before: before ?? null,
    after: after ?? null,
  });
}

function actorOf(principal: ApiPrincipal | null): { kind: AuditActorKind; id: string | null } {
  if (principal === null) return { kind: "system", id: null };
  if (principal.kind === "user") return { kind: "user", id: principal.userId };
  if (principal.serviceAccountId !== null) return { kind: "service_account", id: principal.serviceAccountId };
  return { kind: "api_key", id: principal.keyId };
}
