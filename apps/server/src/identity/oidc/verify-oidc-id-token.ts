import { GatewayError } from "@gatehouse/protocol";
import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import type { OidcProviderMetadata } from "./discover-oidc.js";
import type { IdpFetchOptions } from "./fetch-idp-json.js";
import { safeEqual } from "./safe-equal.js";

/** What an ID token must prove. */
export interface OidcIdTokenExpectations {
  issuer: string;
  /** The audience: our client id. */
  clientId: string;
  /** The nonce sent in this login's authorization request. */
  nonce: string;
  /** What discovery advertises (`id_token_signing_alg_values_supported`). */
  advertisedAlgs: readonly string[];
  /** Clock skew allowed on `exp`, `iat` and `nbf`. Default 60 s. */
  clockToleranceSeconds?: number;
}

/**
 * Signature algorithms accepted, whatever a provider advertises: asymmetric only, so `none` and the
 * HMAC family (keyed with the client secret, forgeable by anyone holding it) are refused.
 */
const ACCEPTED_ALGS = new Set(
  "RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA Ed25519".split(" "),
);

/**
 * The provider's signing keys, fetched from `jwks_uri` on demand and cached (refetched when an unknown
 * `kid` appears, at most every 30 s). Build one per provider configuration and reuse it across logins.
 *
 * @example
 * const keys = createOidcKeySet(metadata);
 */
export function createOidcKeySet(
  metadata: Pick<OidcProviderMetadata, "jwksUri">,
  options: IdpFetchOptions = {},
): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(metadata.jwksUri), {
    timeoutDuration: options.timeoutMs ?? 10_000,
    ...(options.fetch && { [customFetch]: options.fetch }),
  });
}

/**
 * Validates an ID token as OpenID Connect Core §3.1.3.7 asks: the signature with the provider's keys
 * under an advertised asymmetric algorithm, `iss`, `aud` (our client id; `azp` when there are several
 * audiences), `exp`, `iat`, and the `nonce` of this login (compared in constant time). Returns the
 * verified claims.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 *
 * @example
 * const claims = await verifyOidcIdToken(idToken, keys, { issuer, clientId, nonce, advertisedAlgs });
 */
export async function verifyOidcIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expected: OidcIdTokenExpectations,
): Promise<JWTPayload> {
  const algorithms = expected.advertisedAlgs.filter((alg) => ACCEPTED_ALGS.has(alg));
  if (algorithms.length === 0) {
    throw new GatewayError(
      "upstream_error",
      `The identity provider signs ID tokens only with ${expected.advertisedAlgs.join(", ")}; Gatehouse accepts ${[...ACCEPTED_ALGS].join(", ")}.`,
    );
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms,
      clockTolerance: expected.clockToleranceSeconds ?? 60,
      requiredClaims: ["sub", "exp", "iat"],
    }));
  } catch (error) {
    throw verificationError(error);
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw invalid("several audiences and an azp that is not this client");
  }
  if (typeof payload.nonce !== "string" || !safeEqual(payload.nonce, expected.nonce)) {
    throw invalid("its nonce is not the one of this login");
  }
  return payload;
}

function invalid(why: string, cause?: unknown): GatewayError {
  return new GatewayError(
    "upstream_error",
    `The identity provider's ID token failed verification: ${why}.`,
    {},
    cause === undefined ? undefined : { cause },
  );
}

function verificationError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error; // the key set could not fetch the provider's keys
  if (error instanceof errors.JWKSTimeout) {
    return new GatewayError(
      "upstream_timeout",
      "The identity provider's JWKS did not answer in time.",
      {},
      { cause: error },
    );
  }
  if (error instanceof errors.JOSEError) return invalid(error.message, error);
  if (error instanceof TypeError) {
    return new GatewayError(
      "upstream_unreachable",
      "The identity provider's JWKS could not be reached.",
      {},
      { cause: error },
    );
  }
  return invalid("unreadable token", error);
}
