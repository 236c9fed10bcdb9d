import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../store/create-store.js";
import { codeChallengeOf } from "../oidc/begin-oidc-login.js";
import { hashOpaqueToken } from "../session/opaque-tokens.js";
import { SSO_LOGIN_TTL_MS, startSsoLogin } from "./start-sso-login.js";
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

  it("refuses with 429 once the tenant holds maxLiveLogins unexpired logins, until they expire", async () => {
    let t = Date.now();
    const store = createStore({ sqlitePath: ":memory:", now: () => t });
    await store.migrate();
    const deps = { ...s.deps, store, now: () => t, maxLiveLogins: 2 };
    const record = (await s.store.forTenant(s.tenant.id).sso.get())!;
    const [one, two] = [
      await store.tenants.create({ name: "One" }),
      await store.tenants.create({ name: "Two" }),
    ];
    for (const tenant of [one, two]) await store.forTenant(tenant.id).sso.put(record);
    await startSsoLogin(deps, one.id, null);
    t += 1_000;
    await startSsoLogin(deps, one.id, null);
    const refused = await startSsoLogin(deps, one.id, null).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 60 } });
    expect(await store.forTenant(one.id).ssoLogins.countLive()).toBe(2);
    // Another tenant has its own allowance.
    await startSsoLogin(deps, two.id, null);
    // The first login expires: room for one more, and the expired row is swept as it starts.
    t += SSO_LOGIN_TTL_MS - 1_000;
    await startSsoLogin(deps, one.id, null);
    await expect(startSsoLogin(deps, one.id, null)).rejects.toMatchObject({ code: "rate_limited" });
    await store.close();
  });
});
