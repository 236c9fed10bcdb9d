import type * as C from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { lastFour } from "../../crypto/last-four.js";
import { discoverOidc } from "../../identity/oidc/discover-oidc.js";
import type { IdpFetchOptions } from "../../identity/oidc/fetch-idp-json.js";
import type { ThrottleDecision } from "../../identity/session/login-throttle.js";
import { hashOpaqueToken } from "../../identity/session/opaque-tokens.js";
import { checkIssuerUrl } from "../../identity/sso/check-issuer-url.js";
import { finishSsoLogin, SSO_EXCHANGE_PURPOSE } from "../../identity/sso/finish-sso-login.js";
import { resolveMappingWorkspaces } from "../../identity/sso/resolve-mapping-workspaces.js";
import { ssoConfigView } from "../../identity/sso/sso-config-view.js";
import type { SsoDeps } from "../../identity/sso/sso-deps.js";
import { ssoFailedUrl } from "../../identity/sso/sso-urls.js";
import { startSsoLogin } from "../../identity/sso/start-sso-login.js";
import type { ContractBody } from "../contract-router/register-contract.js";
import { accessIn, audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";

type Ctx = CallContext & { params: { tenantId: string } };

/**
 * The redirect a login step answers. A browser follows these redirects, so a failure it would show as raw
 * JSON (single sign-on not configured, the provider refused, a stale callback) is answered instead as the
 * console's page with the error in place (`/sso/complete#error=…`); API clients keep the JSON error.
 */
async function asPage(ctx: CallContext, step: () => Promise<string>): Promise<{ location: string }> {
  try {
    return { location: await step() };
  } catch (err) {
    if (!ctx.request.wantsHtml || !(err instanceof GatewayError)) throw err;
    return { location: ssoFailedUrl(err.code, err.message) };
  }
}

/**
 * Single sign-on with OpenID Connect (docs/sso.md): a tenant's settings (read with tenant:read, written by
 * owners holding tenant:update, the client secret sealed and never shown), and the public login flow: start →
 * the provider → callback → a one-time code the console trades for a session.
 */
export function ssoHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const sso: SsoDeps = {
    store,
    secretBox: deps.secretBox,
    hasher: deps.hasher,
    publicUrl: deps.identity.publicUrl,
    installationDomains: deps.identity.signUpDomains,
    now: deps.now,
    providers: deps.sso.providers,
    idp: deps.sso.idp,
    ...(deps.sso.maxLiveLogins !== undefined && { maxLiveLogins: deps.sso.maxLiveLogins }),
  };
  const view = (record: Parameters<typeof ssoConfigView>[0]) =>
    ssoConfigView(record, deps.identity.publicUrl);
  return {
    "sso.get": async (ctx: Ctx) => view(found(await store.forTenant(ctx.params.tenantId).sso.get())),
    "sso.put": async (ctx: Ctx & { body: ContractBody<typeof C.putSso> }) => {
      const tenantId = ctx.params.tenantId;
      const { body } = ctx;
      await requireOwner(deps, ctx);
      const before = await store.forTenant(tenantId).sso.get();
      const secret = body.clientSecret;
      if (secret === undefined && before === undefined) {
        throw new GatewayError(
          "invalid_request",
          "body.clientSecret: Required when single sign-on is first set up.",
        );
      }
      checkIssuerUrl(body.issuer, { allowHttpLoopback: deps.sso.allowHttpLoopbackIssuer });
      await checkMappingWorkspaces(deps, tenantId, body.mapping);
      await checkIssuer(body.issuer, deps.sso.idp);
      // The next login reads the provider afresh (the owner may just have fixed it there).
      deps.sso.providers.forget(body.issuer);
      const after = await store.forTenant(tenantId).sso.put({
        issuer: body.issuer,
        clientId: body.clientId,
        clientSecretSealed: secret === undefined ? before!.clientSecretSealed : deps.secretBox.seal(secret),
        clientSecretLastFour: secret === undefined ? before!.clientSecretLastFour : lastFour(secret),
        extraScopes: body.extraScopes,
        mapping: body.mapping,
        allowedDomains: body.allowedDomains,
        jitProvisioning: body.jitProvisioning,
        enabled: body.enabled,
      });
      const target = { kind: "sso_config", id: tenantId };
      await audit(deps, ctx, tenantId, "sso.put", target, before && view(before), view(after));
      return view(after);
    },
    "sso.delete": async (ctx: Ctx) => {
      const tenantId = ctx.params.tenantId;
      await requireOwner(deps, ctx);
      const before = found(await store.forTenant(tenantId).sso.get());
      await store.forTenant(tenantId).sso.remove();
      await audit(
        deps,
        ctx,
        tenantId,
        "sso.delete",
        { kind: "sso_config", id: tenantId },
        view(before),
        null,
      );
      return null;
    },
    "auth.ssoStart": async (ctx: Ctx & { query: { redirect?: string | undefined } }) => {
      admit(deps.sso.limiter.start(ctx.params.tenantId, ctx.request.ip));
      await deps.sso.sweeper.maybeSweep();
      return asPage(ctx, () => startSsoLogin(sso, ctx.params.tenantId, ctx.query.redirect ?? null));
    },
    "auth.ssoCallback": async (ctx: CallContext & { query: Record<string, string | undefined> }) =>
      asPage(ctx, () =>
        finishSsoLogin(sso, ctx.query, { ip: ctx.request.ip, userAgent: ctx.request.userAgent }),
      ),
    "auth.ssoExchange": async ({
      body,
      request,
    }: CallContext & { body: ContractBody<typeof C.ssoExchange> }) => {
      admit(deps.sso.limiter.exchange(request.ip));
      const userId = await store.accounts.oneTimeTokens.consume(
        SSO_EXCHANGE_PURPOSE,
        hashOpaqueToken(body.code),
      );
      const user = userId === undefined ? undefined : await store.users.findById(userId);
      if (user === undefined) {
        throw new GatewayError(
          "invalid_token",
          "This sign-in code is invalid, expired or already used; sign in again.",
        );
      }
      return deps.sessions.start(user, undefined, { ip: request.ip, userAgent: request.userAgent });
    },
  };
}

/** A refused anonymous call: 429 with Retry-After, the request is neither served nor counted. */
function admit(decision: ThrottleDecision): void {
  if (!decision.allowed) {
    throw new GatewayError("rate_limited", "Too many single sign-on requests; try again later.", {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
}

/**
 * Only an owner (a person, not a key) changes single sign-on: the provider it trusts can sign in as any
 * member of the tenant, its owners included, so an admin who could point it at a provider of their own
 * would make themselves an owner.
 */
async function requireOwner(deps: ControlPlaneDeps, ctx: CallContext): Promise<void> {
  const access = await accessIn(deps, ctx);
  if (ctx.principal?.kind !== "user" || access.role !== "owner") {
    throw new GatewayError(
      "permission_denied",
      "Only an owner may change single sign-on: its identity provider can sign in as any member.",
    );
  }
}

/** Every workspace a rule names must exist in the tenant: a typo would silently grant nothing. */
async function checkMappingWorkspaces(
  deps: ControlPlaneDeps,
  tenantId: string,
  mapping: ContractBody<typeof C.putSso>["mapping"],
): Promise<void> {
  const resolved = await resolveMappingWorkspaces(deps.store.forTenant(tenantId), mapping);
  const index = mapping.rules.findIndex((r) => r.workspace !== undefined && !resolved.has(r.workspace));
  if (index !== -1) {
    throw new GatewayError(
      "invalid_request",
      `body.mapping.rules.${index}.workspace: No workspace '${mapping.rules[index]!.workspace}' in this tenant.`,
    );
  }
}

/** The issuer must publish a usable discovery document now, not at the first user's login. */
async function checkIssuer(issuer: string, idp: IdpFetchOptions): Promise<void> {
  try {
    await discoverOidc(issuer, idp);
  } catch (error) {
    const why = error instanceof GatewayError ? error.message : "it could not be read";
    throw new GatewayError("invalid_request", `body.issuer: The provider's discovery failed: ${why}`);
  }
}
