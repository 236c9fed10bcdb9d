import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * The bounds of the anonymous single sign-on operations, through the real server and a real OpenID
 * provider: per-address limits on starts and exchanges, the cap on a tenant's logins under way, and
 * the provider's discovery document and keys fetched once, not at every login.
 */

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const PUBLIC_URL = "https://gatehouse.test";
const CLIENT_SECRET = "oidc-client-secret-Zq81xW4vB2nM";
let op: OidcTestProvider;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  op = await startOidcTestProvider({
    clients: [
      {
        client_id: "gatehouse",
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${PUBLIC_URL}/api/auth/sso/callback`],
      },
    ],
    accounts: { ann: { email: "ann@acme.test", email_verified: true, name: "Ann", groups: [] } },
  });
  gw = await startTestGateway({
    passwordHasher: hasher,
    identity: { publicUrl: PUBLIC_URL },
    sso: {
      limits: { startPerIp: { max: 5, windowMs: 60_000 }, exchangePerIp: { max: 2, windowMs: 60_000 } },
      maxLiveLogins: 3,
    },
  });
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@acme.test",
    name: "Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  const owner = (
    await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } })
  ).json.accessToken;
  const put = await call("PUT", `/api/tenants/${gw.tenant.id}/sso`, {
    token: owner,
    body: {
      issuer: op.issuer,
      clientId: "gatehouse",
      clientSecret: CLIENT_SECRET,
      jitProvisioning: true,
      mapping: { defaultTenantRole: "viewer", rules: [] },
    },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await gw?.close();
  await op?.close();
});

const start = () => fetch(`${gw.url}/api/auth/sso/${gw.tenant.id}/start`, { redirect: "manual" });

describe("single sign-on limits, end to end", () => {
  it("caps a tenant's logins under way, then limits the address, each with 429 and Retry-After", async () => {
    for (let i = 0; i < 3; i++) expect((await start()).status).toBe(302);
    const full = await start();
    expect(full.status).toBe(429);
    expect(full.headers.get("retry-after")).toBe("60");
    const fullBody = await full.json();
    expect(fullBody.error.code).toBe("rate_limited");
    expect(fullBody.error.message).toMatch(/logins are under way/);
    expect((await start()).status).toBe(429); // the fifth request, still within the address's limit
    const limited = await start();
    expect(limited.status).toBe(429);
    expect((await limited.json()).error).toMatchObject({
      code: "rate_limited",
      message: "Too many single sign-on requests; try again later.",
    });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await gw.store.forTenant(gw.tenant.id).ssoLogins.countLive()).toBe(3);
  });

  it("limits code exchanges per address", async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await call("POST", "/api/auth/sso/exchange", { body: { code: `ghs_nope${i}` } });
      expect([bad.status, bad.json.error.code]).toEqual([400, "invalid_token"]);
    }
    const limited = await call("POST", "/api/auth/sso/exchange", { body: { code: "ghs_nope" } });
    expect([limited.status, limited.json.error.code]).toEqual([429, "rate_limited"]);
  });
});
