import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import fc from "fast-check";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOidcProviderCache, DEFAULT_OIDC_CACHE_TIMES, jwksTtl } from "./oidc-provider-cache.js";
import { verifyOidcIdToken } from "./verify-oidc-id-token.js";

let op: OidcTestProvider;
beforeAll(async () => {
  op = await startOidcTestProvider({
    clients: [{ client_id: "gh", client_secret: "s3cret-s3cret", redirect_uris: ["https://gh.test/cb"] }],
    accounts: {},
  });
});
afterAll(() => op.close());

const count = (path: string) => op.requests.filter((r) => r === `GET ${path}`).length;

describe("createOidcProviderCache with the real provider", () => {
  it("fetches the discovery document once per 10 minutes, sharing a fetch under way", async () => {
    let t = 1_000_000;
    const cache = createOidcProviderCache({ now: () => t });
    const before = count("/.well-known/openid-configuration");
    const [a, b] = await Promise.all([cache.discover(op.issuer), cache.discover(op.issuer)]);
    expect(a).toEqual(b);
    t += 9 * 60_000;
    await cache.discover(op.issuer);
    expect(count("/.well-known/openid-configuration") - before).toBe(1);
    t += 60_000;
    await cache.discover(op.issuer);
    expect(count("/.well-known/openid-configuration") - before).toBe(2);
    cache.forget(op.issuer);
    await cache.discover(op.issuer);
    expect(count("/.well-known/openid-configuration") - before).toBe(3);
  });

  it("fetches the provider's JWKS once for many tokens and keeps no failure", async () => {
    const cache = createOidcProviderCache({ now: () => 0 });
    const metadata = await cache.discover(op.issuer);
    const keys = cache.keys(metadata);
    const path = new URL(metadata.jwksUri).pathname;
    const before = count(path);
    const header = { alg: "RS256", kid: "test-rs256" };
    const token = { payload: "", signature: "" } as never;
    await Promise.all([keys(header, token), keys(header, token), keys(header, token)]);
    expect(count(path) - before).toBe(1);
    await expect(cache.discover("http://127.0.0.1:9/nothing")).rejects.toMatchObject({
      code: "upstream_unreachable",
    });
  });
});

/** A provider's JWKS served from memory, counting fetches. */
function fakeJwks(cacheControl?: string) {
  const state = { keys: [] as JWK[], fetches: 0 };
  const fetch = (async () => {
    state.fetches += 1;
    return new Response(JSON.stringify({ keys: state.keys }), {
      headers: { "content-type": "application/json", ...(cacheControl && { "cache-control": cacheControl }) },
    });
  }) as typeof globalThis.fetch;
  return { state, fetch };
}

async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const sign = () =>
    new SignJWT({ nonce: "n1" })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer("https://idp.test")
      .setAudience("gh")
      .setSubject("ann")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
  return { jwk, sign };
}

const expectations = { issuer: "https://idp.test", clientId: "gh", nonce: "n1", advertisedAlgs: ["RS256"] };

describe("createOidcProviderCache key rotation", () => {
  it("refetches the JWKS once for an unknown kid, at most every 30 s", async () => {
    let t = 1_000_000;
    const jwks = fakeJwks();
    const cache = createOidcProviderCache({ now: () => t, idp: { fetch: jwks.fetch } });
    const keys = cache.keys({ jwksUri: "https://idp.test/jwks" });
    const [oldKey, newKey] = [await signingKey("k1"), await signingKey("k2")];
    jwks.state.keys = [oldKey.jwk];
    await verifyOidcIdToken(await oldKey.sign(), keys, expectations);
    expect(jwks.state.fetches).toBe(1);

    // The provider rotates; a token with the new kid arrives at once: too soon to refetch.
    jwks.state.keys = [newKey.jwk];
    const fresh = await newKey.sign();
    await expect(verifyOidcIdToken(fresh, keys, expectations)).rejects.toMatchObject({
      code: "upstream_error",
    });
    expect(jwks.state.fetches).toBe(1);
    t += 30_000;
    // Many at once: one refetch, and all verify.
    await Promise.all([1, 2, 3].map(() => verifyOidcIdToken(fresh, keys, expectations)));
    expect(jwks.state.fetches).toBe(2);

    // A flood of tokens with a kid nobody publishes costs at most one fetch per 30 s.
    const forged = await (await signingKey("nope")).sign();
    for (let i = 0; i < 20; i++) {
      await expect(verifyOidcIdToken(forged, keys, expectations)).rejects.toMatchObject({
        code: "upstream_error",
      });
      t += 2_000;
    }
    expect(jwks.state.fetches).toBe(3);
  });

  it("keeps a JWKS as long as its max-age says, within bounds", async () => {
    let t = 0;
    const jwks = fakeJwks("public, max-age=120");
    const cache = createOidcProviderCache({ now: () => t, idp: { fetch: jwks.fetch } });
    const key = await signingKey("k1");
    jwks.state.keys = [key.jwk];
    const keys = cache.keys({ jwksUri: "https://idp.test/jwks" });
    const token = await key.sign();
    await verifyOidcIdToken(token, keys, expectations);
    t += 119_000;
    await verifyOidcIdToken(token, keys, expectations);
    expect(jwks.state.fetches).toBe(1);
    t += 1_000;
    await verifyOidcIdToken(token, keys, expectations);
    expect(jwks.state.fetches).toBe(2);
  });

  it("answers a clear upstream error for a JWKS that is not one, and retries it next time", async () => {
    let body = "[1,2]";
    const fetch = (async () => new Response(body)) as typeof globalThis.fetch;
    const cache = createOidcProviderCache({ now: () => 0, idp: { fetch } });
    const keys = cache.keys({ jwksUri: "https://idp.test/jwks" });
    const key = await signingKey("k1");
    await expect(verifyOidcIdToken(await key.sign(), keys, expectations)).rejects.toMatchObject({
      code: "upstream_error",
      message: "The identity provider's JWKS is not a JSON Web Key Set.",
    });
    body = JSON.stringify({ keys: [key.jwk] });
    await verifyOidcIdToken(await key.sign(), keys, expectations);
  });
});

describe("jwksTtl", () => {
  const times = DEFAULT_OIDC_CACHE_TIMES;
  it("reads max-age, clamps it, and treats no-store as the floor", () => {
    expect(jwksTtl(null, times)).toBe(10 * 60_000);
    expect(jwksTtl("public, max-age=300", times)).toBe(300_000);
    expect(jwksTtl("max-age=5", times)).toBe(60_000);
    expect(jwksTtl("max-age=999999999", times)).toBe(3_600_000);
    expect(jwksTtl("no-store", times)).toBe(60_000);
    expect(jwksTtl("s-maxage=100", times)).toBe(10 * 60_000);
  });

  it("stays within bounds whatever the header says (property)", () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const ttl = jwksTtl(header, times);
        expect(ttl).toBeGreaterThanOrEqual(times.jwksMinTtlMs);
        expect(ttl).toBeLessThanOrEqual(times.jwksMaxTtlMs);
      }),
    );
  });
});
