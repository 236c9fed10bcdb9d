import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { decodeProtectedHeader, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createAccessTokens } from "./access-tokens.js";

const secret = new Uint8Array(32).fill(42);
const issuer = "https://gatehouse.test";
const audience = "gatehouse-console";
const T0 = 1_750_000_000_000;

function setup(overrides: { issuer?: string; audience?: string; secret?: Uint8Array } = {}) {
  const clock = { now: T0 };
  const tokens = createAccessTokens({ secret, issuer, audience, ...overrides, now: () => clock.now });
  return { clock, tokens };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const iat = Math.floor(T0 / 1000);
const validPayload = { iss: issuer, aud: audience, sub: "usr_1", sid: "ses_1", iat, exp: iat + 900 };

/** A token signed by hand, for claims or headers our issuer would never produce. */
async function forge(
  payload: JWTPayload,
  header: Record<string, unknown> = { alg: "HS256", typ: "at+jwt" },
  key: Parameters<SignJWT["sign"]>[0] = secret,
) {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", ...header }).sign(key);
}

/** The token is refused with `unauthenticated`, and the error says nothing of the token. */
async function expectRefused(token: string, message = /invalid|expired|No access token/) {
  const { tokens } = setup();
  const err = await tokens.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  expect((err as GatewayError).code).toBe("unauthenticated");
  expect((err as GatewayError).status).toBe(401);
  expect((err as GatewayError).message).toMatch(message);
  if (token.length > 8)
    expect(JSON.stringify({ ...(err as object), m: (err as Error).message })).not.toContain(token);
}

describe("createAccessTokens", () => {
  it("issues a token that verifies to its claims, times in ms", async () => {
    const { tokens } = setup();
    const { token, expiresAt } = await tokens.issue({ userId: "usr_1", sessionId: "ses_1" });
    expect(expiresAt).toBe(iat * 1000 + 900_000);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "at+jwt" });
    expect(await tokens.verify(token)).toEqual({
      userId: "usr_1",
      sessionId: "ses_1",
      issuedAt: iat * 1000,
      expiresAt,
    });
  });

  it("honours ttlSeconds and validAfter (nbf)", async () => {
    const clock = { now: T0 };
    const tokens = createAccessTokens({ secret, issuer, audience, ttlSeconds: 60, now: () => clock.now });
    const { token, expiresAt } = await tokens.issue({ userId: "u", sessionId: "s", validAfter: T0 + 10_000 });
    expect(expiresAt).toBe(iat * 1000 + 60_000);
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: "unauthenticated" });
    clock.now = T0 + 10_000;
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: "u" });
  });

  it("refuses a secret shorter than 32 bytes", () => {
    expect(() => createAccessTokens({ secret: new Uint8Array(31), issuer, audience, now: Date.now })).toThrow(
      RangeError,
    );
  });

  it("refuses alg none", async () => {
    await expectRefused(`${b64({ alg: "none", typ: "at+jwt" })}.${b64(validPayload)}.`);
    await expectRefused(`${b64({ alg: "none" })}.${b64(validPayload)}.`);
  });

  it("refuses a token for another audience or from another issuer", async () => {
    const other = setup({ audience: "another-app" }).tokens;
    await expectRefused((await other.issue({ userId: "u", sessionId: "s" })).token);
    const elsewhere = setup({ issuer: "https://evil.test" }).tokens;
    await expectRefused((await elsewhere.issue({ userId: "u", sessionId: "s" })).token);
  });

  it("refuses an expired token on the injected clock, from the second of exp on", async () => {
    const { clock, tokens } = setup();
    const { token, expiresAt } = await tokens.issue({ userId: "u", sessionId: "s" });
    clock.now = expiresAt - 1_000;
    await expect(tokens.verify(token)).resolves.toMatchObject({ userId: "u" });
    clock.now = expiresAt;
    await expect(tokens.verify(token)).rejects.toMatchObject({
      code: "unauthenticated",
      message: "The access token has expired.",
    });
  });

  it("refuses iat more than 60 s in the future, tolerates less", async () => {
    const { tokens } = setup();
    await expectRefused(await forge({ ...validPayload, iat: iat + 61, exp: iat + 900 }));
    await expect(tokens.verify(await forge({ ...validPayload, iat: iat + 59 }))).resolves.toMatchObject({
      userId: "usr_1",
    });
  });

  it("refuses a token not yet valid (nbf in the future)", async () => {
    await expectRefused(await forge({ ...validPayload, nbf: iat + 5 }));
  });

  it("refuses a tampered payload that keeps the original signature", async () => {
    const { tokens } = setup();
    const { token } = await tokens.issue({ userId: "usr_1", sessionId: "ses_1" });
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    await expectRefused(`${header}.${b64({ ...claims, sub: "usr_admin" })}.${signature}`);
    await expectRefused(`${header}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${signature}`);
  });

  it("refuses a token signed with another secret", async () => {
    await expectRefused(await forge(validPayload, undefined, new Uint8Array(32).fill(7)));
    const stranger = setup({ secret: new Uint8Array(64).fill(1) }).tokens;
    await expectRefused((await stranger.issue({ userId: "u", sessionId: "s" })).token);
  });

  it("refuses key confusion: RS256 / ES256 tokens, and HS256 keyed with a public key", async () => {
    for (const alg of ["RS256", "ES256"] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      await expectRefused(await forge(validPayload, { alg, typ: "at+jwt" }, privateKey));
      const pem = new TextEncoder().encode(await exportSPKI(publicKey));
      await expectRefused(await forge(validPayload, { alg: "HS256", typ: "at+jwt" }, pem));
    }
  });

  it("refuses a token without sub or sid, or with empty or non-string ones", async () => {
    const { sub: _sub, ...noSub } = validPayload;
    const { sid: _sid, ...noSid } = validPayload;
    const { iat: _iat, ...noIat } = validPayload;
    const { exp: _exp, ...noExp } = validPayload;
    for (const payload of [noSub, noSid, noIat, noExp]) await expectRefused(await forge(payload));
    await expectRefused(await forge({ ...validPayload, sub: "" }));
    await expectRefused(await forge({ ...validPayload, sid: 7 }));
    await expectRefused(await forge({ ...validPayload, iat: "now" } as unknown as JWTPayload));
  });

  it("refuses a wrong or missing typ (an ID token is not an access token)", async () => {
    await expectRefused(await forge(validPayload, { typ: "JWT" }));
    await expectRefused(await forge(validPayload, { typ: "id_token+jwt" }));
    await expectRefused(await forge(validPayload, {}));
  });

  it("refuses garbage, the empty string, and oversized input before parsing", async () => {
    for (const junk of ["garbage", "a.b.c", "...", "e30.e30.", `${b64({ alg: "HS256" })}.not-json.sig`]) {
      await expectRefused(junk);
    }
    await expectRefused("", /No access token/);
    const valid = (await setup().tokens.issue({ userId: "u", sessionId: "s" })).token;
    await expectRefused(`${valid}${"A".repeat(100_000)}`);
    // A validly signed token over the limit is refused too: the length check comes first.
    await expectRefused(await forge({ ...validPayload, pad: "x".repeat(5_000) }));
  });

  it("refuses any random string with a GatewayError, never another failure", async () => {
    const { tokens } = setup();
    const segment = fc.string({ unit: "binary", maxLength: 60 });
    const jwtish = fc.tuple(segment, segment, segment).map((parts) => parts.join("."));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary" }), jwtish), async (input) => {
        const err = await tokens.verify(input).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(GatewayError);
        expect((err as GatewayError).code).toBe("unauthenticated");
      }),
      { numRuns: 300 },
    );
  });
});
