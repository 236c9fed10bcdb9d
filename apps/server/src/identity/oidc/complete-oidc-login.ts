import { GatewayError } from "@gatehouse/protocol";
import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { OidcLoginSecrets } from "./begin-oidc-login.js";
import type { OidcProviderMetadata } from "./discover-oidc.js";
import { exchangeOidcCode } from "./exchange-oidc-code.js";
import type { IdpFetchOptions } from "./fetch-idp-json.js";
import { readOidcGroups } from "./read-oidc-groups.js";
import { safeEqual } from "./safe-equal.js";
import { createOidcKeySet, verifyOidcIdToken } from "./verify-oidc-id-token.js";

/** The relying party's registration at the provider. */
export interface OidcClientCredentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Everything the callback is checked against. */
export interface CompleteOidcLoginInput {
  metadata: OidcProviderMetadata;
  client: OidcClientCredentials;
  /** The query of the request that reached the redirect URI. */
  callback: URLSearchParams | Readonly<Record<string, string | undefined>>;
  /** What `beginOidcLogin` returned for this login, as kept until now. */
  saved: OidcLoginSecrets;
  /** The provider's keys (`createOidcKeySet`), reused across logins; one is built when absent. */
  keys?: JWTVerifyGetKey;
  /** Clock skew allowed on the ID token's times. Default 60 s. */
  clockToleranceSeconds?: number;
}

/** The verified identity. */
export interface OidcClaims {
  /** The provider's stable user id; with the issuer, the account's key. */
  sub: string;
  email?: string;
  /** Only `email_verified: true` counts. */
  emailVerified: boolean;
  name?: string;
  /** The standard `groups` claim, as strings (a single string becomes one group). */
  groups: string[];
  /** Every verified claim, for `mapClaimsToRoles` with a custom groups claim. */
  raw: JWTPayload;
}

/**
 * Finishes a code-flow login at the redirect URI: the `state` must be this login's (constant time),
 * an `iss` parameter must be the issuer (RFC 9207), an `error` answer becomes a GatewayError that
 * quotes it, then the code is redeemed (client_secret_basic + PKCE verifier) and the ID token verified
 * (signature, iss, aud, exp, nonce). Each failure says what went wrong without quoting the code or the
 * client secret.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthResponseValidation
 *
 * @example
 * const claims = await completeOidcLogin({ metadata, client, callback: url.searchParams, saved, keys });
 * // { sub: "248289761001", email: "jane@example.com", emailVerified: true, groups: ["eng"], raw: {...} }
 */
export async function completeOidcLogin(
  input: CompleteOidcLoginInput,
  options: IdpFetchOptions = {},
): Promise<OidcClaims> {
  const { metadata, client, saved } = input;
  const param = paramReader(input.callback);
  const state = param("state");
  if (state === undefined || !safeEqual(state, saved.state)) {
    throw new GatewayError(
      "invalid_request",
      "The login callback's state does not match this login (expired, replayed or forged); start the login again.",
    );
  }
  const iss = param("iss");
  if (iss !== undefined && iss !== metadata.issuer) {
    throw new GatewayError(
      "invalid_request",
      `The login callback comes from issuer '${iss}', not '${metadata.issuer}'.`,
    );
  }
  const error = param("error");
  if (error !== undefined) throw providerRefusal(error, param("error_description"));
  const code = param("code");
  if (code === undefined || code === "") {
    throw new GatewayError("invalid_request", "The login callback carries neither a code nor an error.");
  }
  const idToken = await exchangeOidcCode(
    { tokenEndpoint: metadata.tokenEndpoint, ...client, code, codeVerifier: saved.codeVerifier },
    options,
  );
  const payload = await verifyOidcIdToken(idToken, input.keys ?? createOidcKeySet(metadata, options), {
    issuer: metadata.issuer,
    clientId: client.clientId,
    nonce: saved.nonce,
    advertisedAlgs: metadata.idTokenSigningAlgs,
    ...(input.clockToleranceSeconds !== undefined && { clockToleranceSeconds: input.clockToleranceSeconds }),
  });
  return claimsOf(payload);
}

function paramReader(callback: CompleteOidcLoginInput["callback"]): (name: string) => string | undefined {
  if (callback instanceof URLSearchParams) return (name) => callback.get(name) ?? undefined;
  return (name) => (Object.hasOwn(callback, name) ? callback[name] : undefined);
}

/** `access_denied` is the user's (or the provider's policy's) no; other codes are the provider failing. */
function providerRefusal(error: string, description: string | undefined): GatewayError {
  // Both values come from the browser's URL: cut them short, they are only quoted.
  const quoted = `error=${error.slice(0, 64)}${description ? `: ${description.slice(0, 300)}` : ""}`;
  const code = error === "access_denied" ? "permission_denied" : "upstream_error";
  return new GatewayError(code, `The identity provider answered ${quoted}`, {
    upstreamType: error.slice(0, 64),
  });
}

/**
 * `email_verified: true` (a few providers, Amazon Cognito among them, send the boolean as a string).
 * Microsoft Entra ID sends no `email_verified`; its optional claim `xms_edov` ("email domain owner
 * verified") vouches for the address instead, and counts only when `email_verified` is absent.
 * @see https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference
 */
function isEmailVerified(payload: JWTPayload): boolean {
  const verified = payload.email_verified;
  if (verified !== undefined) return verified === true || verified === "true";
  return payload.xms_edov === true || payload.xms_edov === "true" || payload.xms_edov === 1;
}

function claimsOf(payload: JWTPayload): OidcClaims {
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const email = text(payload.email);
  const name = text(payload.name);
  return {
    sub: payload.sub ?? "",
    ...(email !== undefined && { email }),
    emailVerified: isEmailVerified(payload),
    ...(name !== undefined && { name }),
    groups: readOidcGroups(payload),
    raw: payload,
  };
}
