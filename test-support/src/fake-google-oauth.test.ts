import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogleOAuth, startFakeGoogleOAuth } from "./fake-google-oauth.js";

const EMAIL = "gateway@test-project.iam.gserviceaccount.com";
let keys: { publicKey: KeyObject; privateKey: KeyObject };
let oauth: FakeGoogleOAuth;

beforeAll(async () => {
  keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  oauth = await startFakeGoogleOAuth({
    publicKey: keys.publicKey,
    clientEmail: EMAIL,
    expiresInSeconds: 1200,
  });
});
afterAll(() => oauth.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function jwt(claims: Record<string, unknown>, key: KeyObject = keys.privateKey, alg = "RS256"): string {
  const input = `${b64({ alg, typ: "JWT" })}.${b64(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: EMAIL,
    scope: "https://www.googleapis.com/auth/cloud-platform",
    aud: oauth.tokenUri,
    iat,
    exp: iat + 3600,
    ...over,
  };
}

async function exchange(assertion: string, grant = "urn:ietf:params:oauth:grant-type:jwt-bearer") {
  const res = await fetch(oauth.tokenUri, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: grant, assertion }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("startFakeGoogleOAuth", () => {
  it("trades a well-signed assertion for a Bearer access token", async () => {
    const { status, body } = await exchange(jwt(claims()));
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^ya29\.fake-/),
      expires_in: 1200,
      token_type: "Bearer",
    });
    expect(oauth.issued).toContain(body.access_token);
  });

  it("refuses a signature made with another key", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const { status, body } = await exchange(jwt(claims(), other));
    expect(status).toBe(400);
    expect(body).toEqual({ error: "invalid_grant", error_description: "Invalid JWT Signature." });
  });

  it("refuses a wrong iss, a wrong aud, a missing scope and an over-long lifetime", async () => {
    for (const bad of [
      { iss: "someone@else.com" },
      { aud: "https://oauth2.googleapis.com/token" },
      { scope: "" },
      { exp: Math.floor(Date.now() / 1000) + 7200 },
    ]) {
      const { status, body } = await exchange(jwt(claims(bad)));
      expect(status).toBe(400);
      expect(body.error).toBe("invalid_grant");
    }
  });

  it("refuses another grant type and a non-RS256 header", async () => {
    expect((await exchange(jwt(claims()), "client_credentials")).body.error).toBe("unsupported_grant_type");
    expect((await exchange(jwt(claims(), keys.privateKey, "HS256"))).body.error).toBe("invalid_grant");
  });
});
