import { type KeyObject, verify } from "node:crypto";
import type { FakeContext } from "./fake-context.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import type { FakeUpstreamOptions } from "./fake-upstream-options.js";
import { sendJson } from "./send-json.js";

/** Options of the Google OAuth fake. */
export interface FakeGoogleOAuthOptions extends FakeUpstreamOptions {
  /** The service account's public key: assertions must verify with it. */
  publicKey: KeyObject | string;
  /** The service account's email: assertions must have it as `iss`. */
  clientEmail: string;
  /** `expires_in` of issued tokens, in seconds. Default 3600. */
  expiresInSeconds?: number;
}

/** A running Google OAuth fake. */
export interface FakeGoogleOAuth extends FakeServer {
  /** The token endpoint (`{origin}/token`): the service account's `token_uri` and the JWT's `aud`. */
  tokenUri: string;
  /** Access tokens issued so far, in order (a live array). */
  issued: string[];
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/**
 * Starts a fake Google OAuth 2.0 token endpoint on 127.0.0.1 (ephemeral port): POST /token with
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`. The JWT must be RS256,
 * verify with the service account's public key, and carry iss (the account's email), scope, aud (this
 * token URI), iat and exp (at most one hour apart, the clock within them); then it answers
 * `{access_token, expires_in, token_type: "Bearer"}`, else 400 `{error: "invalid_grant", error_description}`
 * as Google does.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * @example
 * const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
 * const oauth = await startFakeGoogleOAuth({ publicKey, clientEmail: "sa@p.iam.gserviceaccount.com" });
 * // service account JSON: { token_uri: oauth.tokenUri, private_key: privateKey.export(...) , ... }
 */
export async function startFakeGoogleOAuth(options: FakeGoogleOAuthOptions): Promise<FakeGoogleOAuth> {
  const issued: string[] = [];
  let tokenUri = "";
  const server = await startFakeServer(
    {
      basePath: "",
      errorResponse: (status, message) => ({
        status,
        body: JSON.stringify({
          error: status >= 500 ? "internal_failure" : "invalid_request",
          error_description: message ?? "Error",
        }),
      }),
      retryAfterHeader: false,
      handle: (ctx) => handleToken(ctx, options, tokenUri, issued),
    },
    options,
  );
  tokenUri = `${server.origin}/token`;
  return { ...server, tokenUri, issued };
}

function handleToken(ctx: FakeContext, options: FakeGoogleOAuthOptions, tokenUri: string, issued: string[]) {
  if (ctx.record.method !== "POST" || ctx.record.path !== "/token") return ctx.fail(404, "Not Found");
  const form = new URLSearchParams(ctx.record.body);
  if (form.get("grant_type") !== JWT_BEARER) {
    return sendJson(ctx, 400, { error: "unsupported_grant_type", error_description: "Invalid grant_type: " });
  }
  const problem = checkAssertion(form.get("assertion") ?? "", options, tokenUri, ctx.now());
  if (problem !== undefined)
    return sendJson(ctx, 400, { error: "invalid_grant", error_description: problem });
  const token = `ya29.fake-${String(ctx.seq).padStart(6, "0")}`;
  issued.push(token);
  return sendJson(ctx, 200, {
    access_token: token,
    expires_in: options.expiresInSeconds ?? 3600,
    token_type: "Bearer",
  });
}

function json(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Why Google would refuse this assertion, or undefined when it is good. */
function checkAssertion(
  jwt: string,
  options: FakeGoogleOAuthOptions,
  tokenUri: string,
  now: number,
): string | undefined {
  const parts = jwt.split(".");
  if (parts.length !== 3) return "Invalid JWT: not three segments.";
  const [h, p, s] = parts as [string, string, string];
  const header = json(h);
  const claims = json(p);
  if (header?.alg !== "RS256" || claims === undefined) return "Invalid JWT: unreadable header or claims.";
  const signed = verify("sha256", Buffer.from(`${h}.${p}`), options.publicKey, Buffer.from(s, "base64url"));
  if (!signed) return "Invalid JWT Signature.";
  if (claims.iss !== options.clientEmail) return "Invalid JWT: iss is not the service account.";
  if (claims.aud !== tokenUri) return "Invalid JWT: aud is not the token URI.";
  if (typeof claims.scope !== "string" || claims.scope === "") return "Invalid JWT: no scope.";
  const { iat, exp } = claims;
  if (typeof iat !== "number" || typeof exp !== "number" || exp - iat > 3600 || exp <= iat) {
    return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
  }
  const seconds = now / 1000;
  if (seconds < iat - 60 || seconds > exp) {
    return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";
  }
  return undefined;
}
