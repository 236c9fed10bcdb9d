import { createHash, randomBytes } from "node:crypto";
import type { OidcProviderMetadata } from "./discover-oidc.js";

/** The relying party's side of the authorization request. */
export interface OidcLoginClient {
  clientId: string;
  redirectUri: string;
  /** Scopes asked for besides `openid email profile`, e.g. `["groups"]`. */
  extraScopes?: readonly string[];
}

/** Optional hints passed through to the provider. */
export interface BeginOidcLoginOptions {
  /** `prompt`, e.g. "login" to force re-authentication or "select_account". */
  prompt?: string;
  /** `login_hint`, e.g. the email the user typed. */
  loginHint?: string;
}

/** The secrets of one login attempt, to keep (sealed, short-lived) until the callback arrives. */
export interface OidcLoginSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Where to send the browser, and what the callback will be checked against. */
export interface OidcLoginStart extends OidcLoginSecrets {
  url: URL;
}

/** The scopes every login asks for. */
export const DEFAULT_OIDC_SCOPES = ["openid", "email", "profile"] as const;

/**
 * Builds the authorization request of the code flow with PKCE: fresh `state` (CSRF), `nonce` (binds
 * the ID token to this attempt) and a 256-bit code verifier sent only as its S256 challenge. The
 * caller keeps the returned secrets, e.g. in a sealed cookie with a lifetime of minutes, and hands them
 * to `completeOidcLogin`.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4 (PKCE)
 *
 * @example
 * const start = beginOidcLogin(metadata, { clientId: "gatehouse", redirectUri, extraScopes: ["groups"] });
 * reply.setCookie("gh_sso", seal({ state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier }));
 * reply.redirect(start.url.href);
 */
export function beginOidcLogin(
  metadata: Pick<OidcProviderMetadata, "authorizationEndpoint">,
  client: OidcLoginClient,
  options: BeginOidcLoginOptions = {},
): OidcLoginStart {
  const state = randomToken();
  const nonce = randomToken();
  const codeVerifier = randomToken();
  const scopes = [...new Set([...DEFAULT_OIDC_SCOPES, ...(client.extraScopes ?? [])])];
  const url = new URL(metadata.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: scopes.join(" "),
    state,
    nonce,
    code_challenge: codeChallengeOf(codeVerifier),
    code_challenge_method: "S256",
  };
  if (options.prompt !== undefined) params.prompt = options.prompt;
  if (options.loginHint !== undefined) params.login_hint = options.loginHint;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url, state, nonce, codeVerifier };
}

/** The S256 code challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export function codeChallengeOf(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

/** 32 random bytes, base64url: 43 characters, within PKCE's 43..128 verifier length. */
function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
