import { randomUUID } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import { errors, jwtVerify, SignJWT } from "jose";

/** What a verified access token says. Times are epoch milliseconds. */
export interface AccessClaims {
  userId: string;
  /** The refresh-token family this access token was issued from; revoking it ends the session. */
  sessionId: string;
  issuedAt: number;
  expiresAt: number;
}

/** What an access token is issued for. */
export interface AccessTokenSubject {
  userId: string;
  /** The refresh-token family id. */
  sessionId: string;
  /** Epoch ms before which the token is refused (`nbf`). Omitted: valid from issuance. */
  validAfter?: number;
}

/** How access tokens are signed and checked. */
export interface AccessTokenOptions {
  /** The HMAC key, 32 bytes or more: `deriveKey(masterKey, "access-token")`. */
  secret: Uint8Array;
  issuer: string;
  audience: string;
  /** Lifetime. Default 900 (15 minutes): short, because an access token is not revocable. */
  ttlSeconds?: number;
  /** The clock, in epoch ms. */
  now: () => number;
}

/** Issues and verifies access tokens. */
export interface AccessTokens {
  issue(claims: AccessTokenSubject): Promise<{ token: string; expiresAt: number }>;
  /** The token's claims, or a GatewayError `unauthenticated` (whose message never contains the token). */
  verify(token: string): Promise<AccessClaims>;
}

/** RFC 9068 §2.1: the `typ` header that tells an access token from an ID token or any other JWT. */
const TYP = "at+jwt";
/** Bigger than any token we issue (~300 bytes); refusing earlier bounds the work a stranger can cause. */
const MAX_TOKEN_LENGTH = 4096;
/** Clock skew allowed between instances on `iat`; `exp` and `nbf` are exact. */
const IAT_SKEW_MS = 60_000;

/**
 * Short-lived JWT access tokens for signed-in users: HS256 with a server-held key, `typ: at+jwt`,
 * `sub` = user id, `sid` = session (refresh family) id. Verification pins HS256 (so `none` and
 * RS/ES key-confusion tokens are refused before any key is used), and checks `typ`, `iss`, `aud`,
 * `exp` and `nbf` on the injected clock, and that `iat` is not in the future.
 * @see https://www.rfc-editor.org/rfc/rfc9068
 * @see https://www.rfc-editor.org/rfc/rfc8725 (JWT best current practices)
 *
 * @example
 * const tokens = createAccessTokens({ secret: deriveKey(master, "access-token"), issuer, audience, now: Date.now });
 * const { token } = await tokens.issue({ userId: "usr_1", sessionId: "ses_1" });
 * const claims = await tokens.verify(token); // { userId: "usr_1", sessionId: "ses_1", issuedAt, expiresAt }
 */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  const { secret, issuer, audience, ttlSeconds = 900, now } = options;
  if (secret.length < 32) throw new RangeError("The access-token secret must be at least 32 bytes.");
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError("ttlSeconds must be > 0.");

  return {
    async issue({ userId, sessionId, validAfter }) {
      if (!userId || !sessionId) throw new TypeError("An access token needs a userId and a sessionId.");
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const jwt = new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: "HS256", typ: TYP })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        // RFC 9068 asks for a unique id; it also names a token in logs without showing it.
        .setJti(randomUUID());
      if (validAfter !== undefined) jwt.setNotBefore(Math.floor(validAfter / 1000));
      return { token: await jwt.sign(secret), expiresAt: exp * 1000 };
    },

    async verify(token) {
      if (typeof token !== "string" || token.length === 0) throw refused("No access token was presented.");
      if (token.length > MAX_TOKEN_LENGTH) throw refused("The access token is invalid.");
      const nowMs = now();
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, secret, {
          algorithms: ["HS256"],
          typ: TYP,
          issuer,
          audience,
          requiredClaims: ["sub", "sid", "iat", "exp"],
          currentDate: new Date(nowMs),
        }));
      } catch (err) {
        // Our own words only: jose's messages and `payload` stay out of what the edge may render or log.
        if (err instanceof errors.JWTExpired) throw refused("The access token has expired.");
        throw refused("The access token is invalid.");
      }
      const { sub, sid, iat, exp } = payload;
      if (typeof sub !== "string" || sub === "" || typeof sid !== "string" || sid === "") {
        throw refused("The access token is invalid.");
      }
      // jose checked that iat and exp are numbers; it checks iat's future only with maxTokenAge.
      if ((iat as number) * 1000 > nowMs + IAT_SKEW_MS) throw refused("The access token is invalid.");
      return {
        userId: sub,
        sessionId: sid,
        issuedAt: (iat as number) * 1000,
        expiresAt: (exp as number) * 1000,
      };
    },
  };
}

function refused(message: string): GatewayError {
  return new GatewayError("unauthenticated", message);
}
