import { buildOpenApiDocument, CONTRACTS } from "@gatehouse/contracts";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { AccessControl } from "../auth/access-control.js";
import type { SecretBox } from "../crypto/secret-box.js";
import type { GatewayRuntime } from "../data-plane/gateway-runtime.js";
import type { ReservationLedger } from "../domain/budget.js";
import type { Mailer } from "../email/mailer.js";
import type { RuntimeMailer } from "../email/runtime-mailer.js";
import { createOidcProviderCache } from "../identity/oidc/oidc-provider-cache.js";
import { createAccessTokens } from "../identity/session/access-tokens.js";
import { createLoginThrottle, type LoginThrottle } from "../identity/session/login-throttle.js";
import { createPasswordHasher, type PasswordHasher } from "../identity/session/password-hasher.js";
import { SessionService } from "../identity/session/session-service.js";
import { createSsoLoginSweeper } from "../identity/sso/sso-login-sweeper.js";
import { createSsoRateLimiter, type SsoRateLimits } from "../identity/sso/sso-rate-limiter.js";
import type { Store } from "../store/store.js";
import { createApiAuthenticator } from "./api-authenticator.js";
import type { ChatAnswerRuns } from "./chat-answers/chat-answer-runs.js";
import { API_DOCS_PATHS, registerApiDocs } from "./contract-router/api-docs-routes.js";
import { createMemoryIdempotencyCache, type IdempotencyCache } from "./contract-router/idempotency-cache.js";
import { registerContracts } from "./contract-router/register-contracts.js";
import { allHandlers } from "./handlers/all-handlers.js";
import type { BillingStripe } from "./handlers/billing-handlers.js";
import type { ControlPlaneDeps, IdentitySettings, ProviderSettings } from "./handlers/control-plane-deps.js";
import { UsageLiveHub } from "./usage-live/usage-live-hub.js";

/** What an app may set for its control plane; defaults suit one machine (see createApp). */
export interface ControlPlaneSettings {
  /** Sends account email; unset, password reset and invitations answer 503. */
  mailer?: Mailer;
  /** The mailer that follows the operator's SMTP settings (createApp's); told to reload on a change. */
  mailerSettings?: RuntimeMailer;
  identity?: Partial<IdentitySettings>;
  /** argon2id with OWASP's parameters by default; tests pass cheaper ones. */
  passwordHasher?: PasswordHasher;
  loginThrottle?: LoginThrottle;
  /**
   * Where answers to `Idempotency-Key` requests are kept: this instance's memory by default; Redis
   * (RedisIdempotencyCache) when REDIS_URL is set, so a retry on another instance replays too.
   */
  idempotencyCache?: IdempotencyCache;
  /** Limits of the anonymous single sign-on operations (docs/sso.md); the defaults suit production. */
  sso?: {
    limits?: Partial<SsoRateLimits>;
    maxLiveLogins?: number;
    /** Accept http issuers on 127.0.0.1/localhost (development and tests); https only otherwise. */
    allowHttpLoopbackIssuer?: boolean;
  };
  /** Chat attachments: the bytes a tenant may store (GATEHOUSE_CHAT_FILES_QUOTA_MB; 1 GiB by default). */
  chatFiles?: { quotaBytes?: number };
}

interface ControlPlaneOptions extends ControlPlaneSettings {
  store: Store;
  secretBox: SecretBox;
  logger: Logger;
  runtime: GatewayRuntime;
  access: AccessControl;
  now: () => number;
  providers: ProviderSettings;
  /** Connections to identity providers, behind the SSRF guard (see createApp). */
  idpUpstream: Dispatcher;
  /** Applies and announces committed configuration changes (see ControlPlaneDeps.invalidate). */
  propagate: () => Promise<void>;
  /** The current use of rate limits (see ControlPlaneDeps.rateLimitUse). */
  rateLimitUse: ControlPlaneDeps["rateLimitUse"];
  /** Where budgets' current spend and reservations are read (the data plane's ledger). */
  budgetLedger: ReservationLedger;
  /** Stripe for billing (checkout, webhooks); unset, those answer 503. */
  stripe?: BillingStripe;
  /** The chat answers this instance runs (createApp's: it closes them at shutdown). */
  chatAnswers: ChatAnswerRuns;
}

/** What a tenant may store in chat attachments unless configured: 1 GiB. */
const DEFAULT_CHAT_FILES_QUOTA_BYTES = 1024 * 1_048_576;
/**
 * The control plane: every operation of `@gatehouse/contracts` as a route (and no other `/api/` route),
 * the OpenAPI document at /api/openapi.json and its reference page at /api/docs.
 *
 * @example
 * registerControlPlane(server, { store, secretBox, logger, runtime, access: new AccessControl(store, now), now });
 */
export function registerControlPlane(app: FastifyInstance, o: ControlPlaneOptions): void {
  const { store, now, runtime } = o;
  const tokens = createAccessTokens({
    secret: o.secretBox.derive("access-token"),
    issuer: "gatehouse",
    audience: "gatehouse-api",
    now,
  });
  const authenticate = createApiAuthenticator({ keys: runtime.keys, tokens, store, now });
  const hasher = o.passwordHasher ?? createPasswordHasher();
  const sessions = new SessionService({
    store,
    hasher,
    tokens,
    throttle: o.loginThrottle ?? createLoginThrottle({ now }),
    now,
    // This instance refuses the user's old tokens at once; others within the cut cache's 5 s.
    onSessionsEnded: (userId) => authenticate.forget(userId),
    onSessionRevoked: (sessionId) => authenticate.forgetSession(sessionId),
  });
  const invalidate = o.propagate;
  const usageLive = new UsageLiveHub({
    logger: o.logger,
    now,
    read: (tenantId, from, to) =>
      store
        .forTenant(tenantId)
        .usageAnalytics.top({ granularity: "hour", from, to, by: "workspace", limit: 1000 }),
  });
  // Before the server waits for open requests to end: a live stream never would.
  app.addHook("preClose", async () => {
    usageLive.close();
    o.chatAnswers.closeStreams();
  });
  const handlers = allHandlers(
    {
      store,
      access: o.access,
      sessions,
      hasher,
      secretBox: o.secretBox,
      mailer: o.mailer,
      mailerSettings: o.mailerSettings,
      identity: {
        signUpEnabled: o.identity?.signUpEnabled ?? false,
        signUpDomains: o.identity?.signUpDomains ?? [],
        publicUrl: o.identity?.publicUrl ?? "http://localhost:8080",
      },
      health: runtime,
      prices: runtime.prices,
      providers: o.providers,
      logger: o.logger,
      now,
      invalidate,
      rateLimitUse: o.rateLimitUse,
      budgetLedger: o.budgetLedger,
      usageLive,
      chatAnswers: o.chatAnswers,
      // Read at each call: the snapshot is replaced, never mutated.
      wildcardModels: (tenantId) => runtime.catalog.wildcards(tenantId),
      chatFiles: { quotaBytes: o.chatFiles?.quotaBytes ?? DEFAULT_CHAT_FILES_QUOTA_BYTES },
      sso: {
        providers: createOidcProviderCache({ now, idp: { dispatcher: o.idpUpstream } }),
        idp: { dispatcher: o.idpUpstream },
        sweeper: createSsoLoginSweeper({
          logins: store.accounts.ssoLogins,
          now,
          onError: (err) => o.logger.warn({ err }, "sweeping expired single sign-on logins failed"),
        }),
        limiter: createSsoRateLimiter({ now, ...(o.sso?.limits && { limits: o.sso.limits }) }),
        ...(o.sso?.maxLiveLogins !== undefined && { maxLiveLogins: o.sso.maxLiveLogins }),
        allowHttpLoopbackIssuer: o.sso?.allowHttpLoopbackIssuer ?? false,
      },
    },
    o.stripe,
  );
  registerContracts(
    app,
    CONTRACTS,
    handlers as never,
    {
      authenticate,
      authorize: (principal, check) => o.access.decide(principal, check),
      operatorTenant: () => store.billing.operatorTenantId(),
      idempotency: o.idempotencyCache ?? createMemoryIdempotencyCache({ now: o.now }),
    },
    { allow: [...API_DOCS_PATHS] },
  );
  registerApiDocs(
    app,
    buildOpenApiDocument(CONTRACTS, { title: "Gatehouse control plane", version: "0.1.0" }),
  );
}
