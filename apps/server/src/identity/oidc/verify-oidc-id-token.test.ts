import { GatewayError } from "@gatehouse/protocol";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyOidcIdToken } from "./verify-oidc-id-token.js";

const ISSUER = "https://login.example.com";
const expected = {
  issuer: ISSUER,
  clientId: "gatehouse",
  nonce: "n-123",
  advertisedAlgs: ["RS256", "HS256", "none"],
};
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" }] });
});

function sign(claims: JWTPayload, expiresIn: number = 300) {
  const now = Math.floor(Date.now() / 1000);
  const defaults = {
    iss: ISSUER,
    aud: "gatehouse",
    sub: "u-1",
    nonce: "n-123",
    iat: now,
    exp: now + expiresIn,
  };
  return new SignJWT({ ...defaults, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .sign(privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return (error as GatewayError).message;
}

describe("verifyOidcIdToken", () => {
  it("returns the claims of a good token", async () => {
    expect(await verifyOidcIdToken(await sign({ email: "a@b.c" }), keys, expected)).toMatchObject({
      sub: "u-1",
      email: "a@b.c",
    });
  });

  it("refuses alg none and HMAC tokens even when advertised", async () => {
    const claims = { iss: ISSUER, aud: "gatehouse", sub: "u-1", nonce: "n-123", iat: 1, exp: 9_999_999_999 };
    const unsigned = `${b64({ alg: "none" })}.${b64(claims)}.`;
    expect(await refusal(verifyOidcIdToken(unsigned, keys, expected))).toMatch(/failed verification/);
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("the-client-secret-the-client-secret"));
    expect(await refusal(verifyOidcIdToken(hmac, keys, expected))).toMatch(
      /"alg" \(Algorithm\) Header Parameter value not allowed/,
    );
    const onlyHmac = { ...expected, advertisedAlgs: ["HS256"] };
    expect(await refusal(verifyOidcIdToken(hmac, keys, onlyHmac))).toMatch(/signs ID tokens only with HS256/);
  });

  it("refuses an expired token, a wrong issuer, a missing nonce, a foreign azp", async () => {
    expect(await refusal(verifyOidcIdToken(await sign({}, -3600), keys, expected))).toMatch(/"exp" claim/);
    expect(
      await refusal(verifyOidcIdToken(await sign({ iss: "https://evil.example" }), keys, expected)),
    ).toMatch(/"iss" claim/);
    expect(await refusal(verifyOidcIdToken(await sign({ nonce: undefined }), keys, expected))).toMatch(
      /nonce/,
    );
    const multi = await sign({ aud: ["gatehouse", "other"], azp: "other" });
    expect(await refusal(verifyOidcIdToken(multi, keys, expected))).toMatch(/azp/);
    const good = await sign({ aud: ["gatehouse", "other"], azp: "gatehouse" });
    expect((await verifyOidcIdToken(good, keys, expected)).azp).toBe("gatehouse");
  });
});
