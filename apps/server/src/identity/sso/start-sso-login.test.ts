import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeChallengeOf } from "../oidc/begin-oidc-login.js";
import { hashOpaqueToken } from "../session/opaque-tokens.js";
import { startSsoLogin } from "./start-sso-login.js";
import { type SsoTestSetup, startSsoTestSetup, TEST_PUBLIC_URL } from "./testing/sso-test-setup.js";

let s: SsoTestSetup;
beforeAll(async () => {
  s = await startSsoTestSetup({ ann: { email: "ann@acme.test", email_verified: true } });
});
afterAll(() => s.close());

describe("startSsoLogin", () => {
  it("answers the provider's authorization URL and keeps the login server-side, hashed and sealed", async () => {
    const url = new URL(await startSsoLogin(s.deps, s.tenant.id, "/keys"));
    expect(url.origin).toBe(s.op.issuer);
    const q = url.searchParams;
    expect([q.get("client_id"), q.get("redirect_uri"), q.get("response_type")]).toEqual([
      "gatehouse",
      `${TEST_PUBLIC_URL}/api/auth/sso/callback`,
      "code",
    ]);
    expect(q.get("scope")).toBe("openid email profile groups");
    const state = q.get("state")!;
    const login = await s.store.accounts.ssoLogins.consume(hashOpaqueToken(state));
    expect(login).toMatchObject({ tenantId: s.tenant.id, redirectPath: "/keys" });
    const sealed = JSON.stringify(login!.secretsSealed);
    const secrets = JSON.parse(s.deps.secretBox.open(login!.secretsSealed));
    expect(secrets.nonce).toBe(q.get("nonce"));
    expect(codeChallengeOf(secrets.codeVerifier)).toBe(q.get("code_challenge"));
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(sealed).not.toContain(secrets.codeVerifier);
    // The expiry is stamped a moment before the row: within a second of 10 minutes.
    expect(login!.expiresAt - login!.createdAt).toBeGreaterThan(599_000);
    expect(login!.expiresAt - login!.createdAt).toBeLessThanOrEqual(600_000);
  });

  it("answers 404 for a tenant without single sign-on, or with it turned off", async () => {
    await expect(startSsoLogin(s.deps, "ten_AAAAAAAAAAAAAAAAAAAA", null)).rejects.toMatchObject({
      code: "not_found",
    });
    const sso = s.store.forTenant(s.tenant.id).sso;
    const record = (await sso.get())!;
    await sso.put({ ...record, enabled: false });
    await expect(startSsoLogin(s.deps, s.tenant.id, null)).rejects.toMatchObject({ code: "not_found" });
    await sso.put({ ...record, enabled: true });
  });
});
