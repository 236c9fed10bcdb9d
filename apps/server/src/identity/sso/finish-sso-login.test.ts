import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashOpaqueToken } from "../session/opaque-tokens.js";
import { finishSsoLogin, SSO_EXCHANGE_PURPOSE } from "./finish-sso-login.js";
import { startSsoLogin } from "./start-sso-login.js";
import { type SsoTestSetup, startSsoTestSetup, TEST_PUBLIC_URL } from "./testing/sso-test-setup.js";

const META = { ip: "203.0.113.1", userAgent: null };
let s: SsoTestSetup;
beforeAll(async () => {
  s = await startSsoTestSetup({
    ann: { email: "ann@acme.test", email_verified: true, name: "Ann", groups: ["gh-admins"] },
  });
});
afterAll(() => s.close());

/** Starts a login, has the provider log `account` in, and answers the callback's query. */
async function callbackQuery(account: string, deny = false): Promise<Record<string, string>> {
  const back = await s.op.followLogin(await startSsoLogin(s.deps, s.tenant.id, null), account, { deny });
  return Object.fromEntries(back.searchParams);
}

describe("finishSsoLogin", () => {
  it("admits the user and answers the console page with a 60-second single-use code", async () => {
    const before = Date.now();
    const location = new URL(await finishSsoLogin(s.deps, await callbackQuery("ann"), META));
    expect(location.origin + location.pathname).toBe(`${TEST_PUBLIC_URL}/sso/complete`);
    const code = new URLSearchParams(location.hash.slice(1)).get("code")!;
    expect(code).toMatch(/^ghs_[\w-]{43}$/);
    const user = (await s.store.users.findByEmail("ann@acme.test"))!;
    expect((await s.store.forTenant(s.tenant.id).members.get(user.id))?.role).toBe("admin");
    const tokens = s.store.accounts.oneTimeTokens;
    expect(await tokens.consume(SSO_EXCHANGE_PURPOSE, hashOpaqueToken(code))).toBe(user.id);
    expect(await tokens.consume(SSO_EXCHANGE_PURPOSE, hashOpaqueToken(code))).toBeUndefined();
    expect(Date.now() - before).toBeLessThan(60_000);
  });

  it("refuses a replayed state, a missing one and a provider's refusal", async () => {
    const query = await callbackQuery("ann");
    await finishSsoLogin(s.deps, query, META);
    await expect(finishSsoLogin(s.deps, query, META)).rejects.toMatchObject({ code: "invalid_request" });
    await expect(finishSsoLogin(s.deps, { code: "x" }, META)).rejects.toMatchObject({
      code: "invalid_request",
    });
    const denied = await callbackQuery("ann", true);
    expect(denied.error).toBe("access_denied");
    await expect(finishSsoLogin(s.deps, denied, META)).rejects.toMatchObject({ code: "permission_denied" });
  });

  it("refuses a code from another login (its PKCE verifier and nonce do not match)", async () => {
    const first = await callbackQuery("ann");
    const second = await callbackQuery("ann");
    await expect(
      finishSsoLogin(s.deps, { code: first.code, state: second.state }, META),
    ).rejects.toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("refused this login's code"),
    });
  });
});
