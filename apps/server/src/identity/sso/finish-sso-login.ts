import { GatewayError } from "@gatehouse/protocol";
import { z } from "zod";
import { completeOidcLogin } from "../oidc/complete-oidc-login.js";
import { hashOpaqueToken, newOpaqueToken } from "../session/opaque-tokens.js";
import { admitSsoUser, type SsoRequestMeta } from "./admit-sso-user.js";
import { loadSsoConfig } from "./load-sso-config.js";
import type { SsoDeps } from "./sso-deps.js";
import { ssoCompleteUrl, ssoRedirectUri } from "./sso-urls.js";

/** How long the console has to trade the one-time code for a session. */
export const SSO_EXCHANGE_TTL_MS = 60_000;
/** The purpose of the one-time codes in the single-use token table. */
export const SSO_EXCHANGE_PURPOSE = "sso_exchange";

const sealedLogin = z.object({ nonce: z.string(), codeVerifier: z.string() });

/**
 * Finishes a single sign-on login at the redirect URI: the state must be a login under way (used once,
 * within 10 minutes, on any instance), then the provider's answer is checked (an `error` such as
 * access_denied becomes a 403 or 502 quoting it), the code redeemed with the PKCE verifier and the ID
 * token verified (signature, issuer, audience, nonce, expiry), and the identity admitted
 * (admitSsoUser). Answers the console URL carrying a one-time code (60 s, single use, stored hashed)
 * that auth.ssoExchange trades for a session: no token travels in a URL.
 *
 * @example
 * const location = await finishSsoLogin(deps, { code, state }, { ip, userAgent });
 */
export async function finishSsoLogin(
  deps: SsoDeps,
  callback: Readonly<Record<string, string | undefined>>,
  meta: SsoRequestMeta,
): Promise<string> {
  const state = callback.state;
  if (state === undefined || state === "") {
    throw new GatewayError("invalid_request", "The login callback carries no state; start the login again.");
  }
  const login = await deps.store.accounts.ssoLogins.consume(hashOpaqueToken(state));
  if (login === undefined) {
    throw new GatewayError(
      "invalid_request",
      "This login is unknown, expired or already finished (a replayed or forged state); start the login again.",
    );
  }
  const config = await loadSsoConfig(deps.store, deps.secretBox, login.tenantId);
  const saved = sealedLogin.parse(JSON.parse(deps.secretBox.open(login.secretsSealed)));
  const metadata = await deps.providers.discover(config.record.issuer);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(callback)) if (value !== undefined) params.set(name, value);
  const claims = await completeOidcLogin(
    {
      metadata,
      client: {
        clientId: config.record.clientId,
        clientSecret: config.clientSecret,
        redirectUri: ssoRedirectUri(deps.publicUrl),
      },
      callback: params,
      saved: { state, ...saved },
      keys: deps.providers.keys(metadata),
    },
    deps.idp,
  ).catch(refusedCodeAsBadRequest);
  const user = await admitSsoUser(
    deps,
    login.tenantId,
    claims,
    {
      mapping: config.mapping,
      allowedDomains: config.record.allowedDomains,
      jitProvisioning: config.record.jitProvisioning,
      installationDomains: deps.installationDomains,
    },
    meta,
  );
  const exchange = newOpaqueToken("ghs");
  await deps.store.accounts.oneTimeTokens.create({
    purpose: SSO_EXCHANGE_PURPOSE,
    userId: user.id,
    tokenHash: exchange.hash,
    expiresAt: deps.now() + SSO_EXCHANGE_TTL_MS,
  });
  return ssoCompleteUrl(deps.publicUrl, exchange.token, login.redirectPath);
}

/**
 * The token endpoint's `invalid_grant` means the code is expired, used, or not this login's (its PKCE
 * verifier does not match): the browser brought a bad code, a 400, not the provider failing (502).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
function refusedCodeAsBadRequest(error: unknown): never {
  if (error instanceof GatewayError && error.details.upstreamType === "invalid_grant") {
    throw new GatewayError(
      "invalid_request",
      "The identity provider refused this login's code (expired, already used, or from another login); start the login again.",
      {},
      { cause: error },
    );
  }
  throw error;
}
