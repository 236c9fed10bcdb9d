import { GatewayError } from "@gatehouse/protocol";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import type { AuthContext } from "../upstream-target.js";
import type { ServiceAccount } from "./parse-service-account.js";
import { signServiceAccountJwt } from "./sign-service-account-jwt.js";

/** An OAuth access token and when it stops working (Unix milliseconds). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

const TIMEOUT_MS = 10_000;

function failure(provider: string, status: number, text: string): GatewayError {
  let reason = "";
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    reason = [body.error, body.error_description].filter((x) => typeof x === "string").join(": ");
  } catch {
    // Not JSON: the status says enough; the body may echo the assertion, so it is not quoted.
  }
  return new GatewayError(
    "upstream_error",
    `Provider '${provider}': the Google OAuth token exchange failed (HTTP ${status}${reason ? `, ${reason}` : ""}).`,
    { provider },
  );
}

/**
 * Trades a freshly signed service-account JWT for an access token: POST token_uri with
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>`, answered with
 * `{access_token, expires_in, token_type}`. Network failures become upstream_unreachable or
 * upstream_timeout, refusals upstream_error with Google's `error` and `error_description`.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#makingrequest
 */
export async function fetchGoogleToken(
  sa: ServiceAccount,
  ctx: AuthContext,
  provider: string,
): Promise<AccessToken> {
  const url = new URL(sa.tokenUri);
  const body = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion: signServiceAccountJwt(sa, ctx.now),
  }).toString();
  let status: number;
  let text: string;
  try {
    const res = await ctx.upstream.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (err) {
    throw classifyNetworkError(err, provider);
  }
  if (status !== 200) throw failure(provider, status, text);
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = {};
  }
  if (typeof parsed.access_token !== "string" || parsed.access_token === "") {
    throw failure(provider, status, "");
  }
  const seconds = typeof parsed.expires_in === "number" ? parsed.expires_in : 3600;
  return { token: parsed.access_token, expiresAt: ctx.now + seconds * 1000 };
}
