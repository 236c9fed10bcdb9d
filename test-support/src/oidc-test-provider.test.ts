import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OidcTestProvider, startOidcTestProvider } from "./oidc-test-provider.js";

const REDIRECT = "http://127.0.0.1:1/callback";
let op: OidcTestProvider;

beforeAll(async () => {
  op = await startOidcTestProvider({
    clients: [{ client_id: "app", client_secret: "app-secret", redirect_uris: [REDIRECT] }],
    accounts: {
      alice: { email: "alice@example.com", email_verified: true, name: "Alice", groups: ["eng", "admins"] },
    },
  });
});
afterAll(() => op.close());

function authorizationUrl(pkce: boolean, verifier = randomBytes(32).toString("base64url")): URL {
  const url = new URL(`${op.issuer}/auth`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: "app",
    redirect_uri: REDIRECT,
    scope: "openid email profile groups",
    state: "st-1",
    nonce: "n-1",
  }).toString();
  if (pkce) {
    url.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url;
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
}

describe("startOidcTestProvider", () => {
  it("publishes discovery for its 127.0.0.1 issuer", async () => {
    const doc = (await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(op.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(doc.issuer).toBe(op.issuer);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.claims_supported).toContain("groups");
  });

  it("logs an account in, and its code buys an ID token carrying email and groups", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const callback = await op.followLogin(authorizationUrl(true, verifier), "alice");
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get("state")).toBe("st-1");
    const code = callback.searchParams.get("code") ?? "";
    expect(code).not.toBe("");
    const tokenResponse = await fetch(`${op.issuer}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("app:app-secret").toString("base64")}` },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    });
    expect(tokenResponse.status).toBe(200);
    const { id_token } = (await tokenResponse.json()) as { id_token: string };
    expect(payloadOf(id_token)).toMatchObject({
      iss: op.issuer,
      aud: "app",
      sub: "alice",
      nonce: "n-1",
      email: "alice@example.com",
      email_verified: true,
      name: "Alice",
      groups: ["eng", "admins"],
    });
  });

  it("requires PKCE", async () => {
    const callback = await op.followLogin(authorizationUrl(false), "alice");
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("answers access_denied when the login is denied", async () => {
    const callback = await op.followLogin(authorizationUrl(true), "alice", { deny: true });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe("st-1");
  });

  it("refuses an unknown account", async () => {
    await expect(op.followLogin(authorizationUrl(true), "mallory")).rejects.toThrow(/unknown account/);
  });

  it("stops listening on close", async () => {
    const other = await startOidcTestProvider({ clients: [], accounts: {} });
    await other.close();
    await other.close();
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
