import { sign } from "node:crypto";
import type { ServiceAccount } from "./parse-service-account.js";

/** The OAuth scope Vertex AI needs. */
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

/** Google accepts assertions valid for at most one hour. */
const LIFETIME_SECONDS = 3600;

const b64url = (data: string | Buffer): string => Buffer.from(data).toString("base64url");

/**
 * The signed JWT a service account trades for an access token: header `{"alg":"RS256","typ":"JWT"}`
 * (with `kid` when the key file names its key), claims iss (the account's email), scope, aud (the
 * token URI), iat and exp (one hour later), signed RSASSA-PKCS1-v1_5 with SHA-256.
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
 *
 * @example
 * const assertion = signServiceAccountJwt(parseServiceAccount(json), Date.now());
 */
export function signServiceAccountJwt(
  sa: ServiceAccount,
  now: number,
  scope: string = CLOUD_PLATFORM_SCOPE,
): string {
  const header = { alg: "RS256", typ: "JWT", ...(sa.privateKeyId ? { kid: sa.privateKeyId } : {}) };
  const iat = Math.floor(now / 1000);
  const claims = { iss: sa.clientEmail, scope, aud: sa.tokenUri, iat, exp: iat + LIFETIME_SECONDS };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign("sha256", Buffer.from(input), sa.privateKey))}`;
}
