import { GatewayError } from "@gatehouse/protocol";
import { z } from "zod";
import { fetchIdpJson, type IdpFetchOptions } from "./fetch-idp-json.js";

/** What the token request needs. */
export interface OidcCodeExchange {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
}

const tokenAnswer = z.object({ id_token: z.string().min(1), token_type: z.string().optional() });
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

/**
 * Redeems an authorization code at the token endpoint with `client_secret_basic` and the PKCE
 * verifier, and returns the ID token (the access token is not needed: the ID token carries the
 * claims). The secret travels only in the Authorization header, form-encoded before base64 as RFC 6749
 * §2.3.1 asks; redirects are refused so it is never replayed to another host. No error message carries
 * the secret or the code.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#TokenRequest
 *
 * @example
 * const idToken = await exchangeOidcCode({ tokenEndpoint, clientId, clientSecret, redirectUri, code, codeVerifier });
 */
export async function exchangeOidcCode(
  exchange: OidcCodeExchange,
  options: IdpFetchOptions = {},
): Promise<string> {
  const credentials = `${formEncode(exchange.clientId)}:${formEncode(exchange.clientSecret)}`;
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.codeVerifier,
  });
  const { status, body: answer } = await fetchIdpJson(
    new URL(exchange.tokenEndpoint),
    {
      method: "POST",
      redirect: "error",
      headers: {
        authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body,
    },
    "token endpoint",
    options,
  );
  const error = errorAnswer.safeParse(answer);
  if (status !== 200 || error.success) {
    const described = error.success
      ? `error=${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ""}`
      : `HTTP ${status}`;
    const message = scrub(described, [exchange.code, exchange.clientSecret, exchange.codeVerifier]);
    throw new GatewayError("upstream_error", `The identity provider's token endpoint answered ${message}.`, {
      ...(error.success && { upstreamType: error.data.error }),
    });
  }
  const tokens = tokenAnswer.safeParse(answer);
  if (!tokens.success) {
    throw new GatewayError(
      "upstream_error",
      "The identity provider's token endpoint answered without an id_token.",
    );
  }
  return tokens.data.id_token;
}

/** application/x-www-form-urlencoded, as RFC 6749 Appendix B asks of client_id and client_secret. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Provider text is echoed to users and logs: cut it short and blank anything secret it repeats. */
function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.replaceAll(secret, "[redacted]");
  return out.slice(0, 300);
}
