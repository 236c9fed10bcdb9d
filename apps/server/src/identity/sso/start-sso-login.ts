import { GatewayError } from "@gatehouse/protocol";
import { beginOidcLogin } from "../oidc/begin-oidc-login.js";
import { hashOpaqueToken } from "../session/opaque-tokens.js";
import { loadSsoConfig } from "./load-sso-config.js";
import type { SsoDeps } from "./sso-deps.js";
import { ssoRedirectUri } from "./sso-urls.js";

/** How long a started login may take to come back. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;
/** Logins a tenant may have under way (unexpired) at once, by default. */
export const SSO_MAX_LIVE_LOGINS = 10_000;

/**
 * Starts a tenant's single sign-on login: discovers the provider, builds the authorization request
 * (code flow, PKCE S256, fresh state and nonce) and keeps the login server-side, so any instance can
 * finish it: the state as its SHA-256, the nonce and the PKCE verifier sealed, for 10 minutes, usable
 * once. Answers the URL to send the browser to. Past `maxLiveLogins` unexpired logins in the tenant it
 * refuses (429) until some expire, so no flood of starts can grow the table without bound.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 *
 * @example
 * const location = await startSsoLogin(deps, tenantId, "/keys"); // https://idp.example/authorize?...
 */
export async function startSsoLogin(
  deps: SsoDeps,
  tenantId: string,
  redirectPath: string | null,
): Promise<string> {
  const { record } = await loadSsoConfig(deps.store, deps.secretBox, tenantId);
  const logins = deps.store.forTenant(tenantId).ssoLogins;
  if ((await logins.countLive()) >= (deps.maxLiveLogins ?? SSO_MAX_LIVE_LOGINS)) {
    throw new GatewayError(
      "rate_limited",
      "Too many single sign-on logins are under way in this organisation; try again in a minute.",
      { retryAfterSeconds: 60 },
    );
  }
  const metadata = await deps.providers.discover(record.issuer);
  const start = beginOidcLogin(metadata, {
    clientId: record.clientId,
    redirectUri: ssoRedirectUri(deps.publicUrl),
    extraScopes: record.extraScopes,
  });
  await logins.create({
    stateHash: hashOpaqueToken(start.state),
    secretsSealed: deps.secretBox.seal(
      JSON.stringify({ nonce: start.nonce, codeVerifier: start.codeVerifier }),
    ),
    redirectPath,
    expiresAt: deps.now() + SSO_LOGIN_TTL_MS,
  });
  return start.url.href;
}
