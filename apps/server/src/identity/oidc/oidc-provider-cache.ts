import { GatewayError } from "@gatehouse/protocol";
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { discoverOidc, type OidcProviderMetadata } from "./discover-oidc.js";
import { fetchIdpJson, type IdpFetchOptions } from "./fetch-idp-json.js";

/** How long what the identity provider publishes is kept. */
export interface OidcCacheTimes {
  /** Discovery documents. Default 10 minutes. */
  discoveryTtlMs: number;
  /** A JWKS without Cache-Control max-age. Default 10 minutes. */
  jwksDefaultTtlMs: number;
  /** The bounds a JWKS's max-age is clamped to. Default 1 minute to 1 hour. */
  jwksMinTtlMs: number;
  jwksMaxTtlMs: number;
  /** A JWKS is refetched for an unknown `kid` at most this often. Default 30 seconds. */
  unknownKidCooldownMs: number;
}

export interface OidcProviderCacheOptions {
  /** The clock, epoch ms. */
  now: () => number;
  /** How the provider is reached. */
  idp?: IdpFetchOptions;
  times?: Partial<OidcCacheTimes>;
  /** Issuers and key sets kept at most (each); the oldest go first. Default 1 000. */
  maxEntries?: number;
}

/** The identity providers' discovery documents and signing keys, fetched once and kept a while. */
export interface OidcProviderCache {
  /** The provider's configuration, from the cache while fresh (see discoverOidc). */
  discover(issuer: string): Promise<OidcProviderMetadata>;
  /** The provider's signing keys, for verifyOidcIdToken. */
  keys(metadata: Pick<OidcProviderMetadata, "jwksUri">): JWTVerifyGetKey;
  /** Drops what is kept of an issuer (its settings were just saved). */
  forget(issuer: string): void;
}

export const DEFAULT_OIDC_CACHE_TIMES: OidcCacheTimes = {
  discoveryTtlMs: 10 * 60_000,
  jwksDefaultTtlMs: 10 * 60_000,
  jwksMinTtlMs: 60_000,
  jwksMaxTtlMs: 60 * 60_000,
  unknownKidCooldownMs: 30_000,
};

interface Entry<T> {
  value: Promise<T>;
  /** The value once the fetch succeeded (read synchronously, where awaiting would race). */
  settled?: T;
  expiresAt: number;
}
interface KeySet {
  getKey: ReturnType<typeof createLocalJWKSet>;
  fetchedAt: number;
}

/**
 * Caches per issuer what a login would otherwise fetch from the identity provider every time: the
 * discovery document (10 minutes) and the JWKS (its Cache-Control max-age, kept within 1 minute and
 * 1 hour). When an ID token names a `kid` the cached JWKS lacks (the provider rotated its keys), the
 * JWKS is fetched again once, at most every 30 seconds, so a flood of forged tokens cannot make us
 * hammer the provider. Concurrent misses share one fetch; failures are not kept.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#RotateSigKeys
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-5.2.2.1 (max-age)
 *
 * @example
 * const providers = createOidcProviderCache({ now: Date.now });
 * const metadata = await providers.discover(issuer);
 * const claims = await verifyOidcIdToken(idToken, providers.keys(metadata), expectations);
 */
export function createOidcProviderCache(options: OidcProviderCacheOptions): OidcProviderCache {
  const { now, idp = {}, maxEntries = 1_000 } = options;
  const times = { ...DEFAULT_OIDC_CACHE_TIMES, ...options.times };
  const discoveries = new Map<string, Entry<OidcProviderMetadata>>();
  const keySets = new Map<string, Entry<KeySet>>();

  /** The fresh entry of `key`, or a new one from `load`; a failed load is dropped so the next call retries. */
  const cached = <T>(
    map: Map<string, Entry<T>>,
    key: string,
    load: () => Promise<{ value: T; ttlMs: number }>,
  ) => {
    const entry = map.get(key);
    if (entry && entry.expiresAt > now()) return entry.value;
    const fresh: Entry<T> = {
      // Until it settles the entry stands for the fetch under way, so concurrent callers share it.
      expiresAt: Number.POSITIVE_INFINITY,
      value: load().then(
        ({ value, ttlMs }) => {
          fresh.expiresAt = now() + ttlMs;
          fresh.settled = value;
          return value;
        },
        (error: unknown) => {
          if (map.get(key) === fresh) map.delete(key);
          throw error;
        },
      ),
    };
    map.delete(key);
    if (map.size >= maxEntries) map.delete(map.keys().next().value as string);
    map.set(key, fresh);
    return fresh.value;
  };

  const loadKeySet = async (jwksUri: string) => {
    const { status, body, headers } = await fetchIdpJson(new URL(jwksUri), { method: "GET" }, "JWKS", idp);
    if (status !== 200) {
      throw new GatewayError("upstream_error", `The identity provider's JWKS answered HTTP ${status}.`);
    }
    let getKey: KeySet["getKey"];
    try {
      getKey = createLocalJWKSet(body as JSONWebKeySet);
    } catch (error) {
      throw new GatewayError(
        "upstream_error",
        "The identity provider's JWKS is not a JSON Web Key Set.",
        {},
        {
          cause: error,
        },
      );
    }
    return { value: { getKey, fetchedAt: now() }, ttlMs: jwksTtl(headers.get("cache-control"), times) };
  };
  const keySetOf = (jwksUri: string) => cached(keySets, jwksUri, () => loadKeySet(jwksUri));

  return {
    discover: (issuer) =>
      cached(discoveries, issuer, async () => ({
        value: await discoverOidc(issuer, idp),
        ttlMs: times.discoveryTtlMs,
      })),
    keys:
      ({ jwksUri }) =>
      async (header, token) => {
        const keySet = await keySetOf(jwksUri);
        try {
          return await keySet.getKey(header, token);
        } catch (error) {
          const cooling = now() - keySet.fetchedAt < times.unknownKidCooldownMs;
          if (!(error instanceof errors.JWKSNoMatchingKey) || cooling) throw error;
          // Only the first caller to see this key set miss refetches; the others find the new one.
          if (keySets.get(jwksUri)?.settled === keySet) keySets.delete(jwksUri);
          return (await keySetOf(jwksUri)).getKey(header, token);
        }
      },
    forget(issuer) {
      discoveries.delete(issuer);
    },
  };
}

/** A JWKS's lifetime: its max-age within bounds (no-store or no-cache: the lower bound), else the default. */
export function jwksTtl(cacheControl: string | null, times: OidcCacheTimes): number {
  const directives = (cacheControl ?? "").toLowerCase();
  if (/(^|[\s,])(no-store|no-cache)([\s,=]|$)/.test(directives)) return times.jwksMinTtlMs;
  const match = /(?:^|[\s,])max-age\s*=\s*"?(\d+)"?/.exec(directives);
  if (match === null) return times.jwksDefaultTtlMs;
  const ms = Number(match[1]) * 1000;
  return Math.min(times.jwksMaxTtlMs, Math.max(times.jwksMinTtlMs, ms));
}
