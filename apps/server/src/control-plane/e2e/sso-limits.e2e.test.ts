import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import {
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../../testing/start-test-gateway.js";
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

/** A real Gatehouse whose tenant signs in with `op`; `skew` moves the server's clock forward. */
async function startGateway(options: Pick<TestGatewayOptions, "sso"> = {}) {
  const clock = { skew: 0 };
  const gw = await startTestGateway({
    passwordHasher: hasher,
    identity: { publicUrl: PUBLIC_URL },
    now: () => Date.now() + clock.skew,
    ...options,
  });
  const call = apiClient(gw.url);
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
  return { gw, call, clock, owner };
}

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
});
afterAll(() => op?.close());

const startAt = (gw: TestGateway) =>
  fetch(`${gw.url}/api/auth/sso/${gw.tenant.id}/start`, { redirect: "manual" });

describe("single sign-on limits, end to end", () => {
  let gw: TestGateway;
  let call: ReturnType<typeof apiClient>;
  const start = () => startAt(gw);
  beforeAll(async () => {
    ({ gw, call } = await startGateway({
      sso: {
        limits: { startPerIp: { max: 5, windowMs: 60_000 }, exchangePerIp: { max: 2, windowMs: 60_000 } },
        maxLiveLogins: 3,
      },
    }));
  });
  afterAll(() => gw?.close());

  it("caps a tenant's logins under way, then limits the address, each with 429 and Retry-After", async () => {
    for (let i = 0; i < 3; i++) expect((await start()).status).toBe(302);
    const full = await start();
    expect(full.status).toBe(429);
    expect(full.headers.get("retry-after")).toBe("60");
    const fullBody = (await full.json()) as { error: { code: string; message: string } };
    expect(fullBody.error.code).toBe("rate_limited");
    expect(fullBody.error.message).toMatch(/logins are under way/);
    expect((await start()).status).toBe(429); // the fifth request, still within the address's limit
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: unknown }).error).toMatchObject({
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

describe("single sign-on caching of the provider, end to end", () => {
  let gw: TestGateway;
  let call: ReturnType<typeof apiClient>;
  let clock: { skew: number };
  beforeAll(async () => {
    ({ gw, call, clock } = await startGateway());
  });
  afterAll(() => gw?.close());

  /** One whole login through the server: start, the provider, the callback, the exchange. */
  async function login(): Promise<number> {
    const started = await startAt(gw);
    expect(started.status).toBe(302);
    const back = await op.followLogin(started.headers.get("location") ?? "", "ann");
    const done = await fetch(`${gw.url}${back.pathname}${back.search}`, { redirect: "manual" });
    if (done.status !== 302) return done.status;
    const code = new URLSearchParams(new URL(done.headers.get("location") ?? "").hash.slice(1)).get("code");
    return (await call("POST", "/api/auth/sso/exchange", { body: { code } })).status;
  }
  const fetches = (path: string) => op.requests.filter((r) => r === `GET ${path}`).length;
  const DISCOVERY = "/.well-known/openid-configuration";

  it("reads discovery and the JWKS once for many logins, and follows a key rotation", async () => {
    const discovery = (await (await fetch(`${op.issuer}${DISCOVERY}`)).json()) as { jwks_uri: string };
    const jwksPath = new URL(discovery.jwks_uri).pathname;
    const [discoveries, jwks] = [fetches(DISCOVERY), fetches(jwksPath)];
    for (let i = 0; i < 3; i++) expect(await login()).toBe(200);
    expect(fetches(DISCOVERY) - discoveries).toBe(1);
    expect(fetches(jwksPath) - jwks).toBe(1);

    // The provider rotates its key; 30 s later (the refetch cooldown) a login signed with it works.
    op.rotateSigningKey();
    clock.skew += 30_000;
    expect(await login()).toBe(200);
    expect(await login()).toBe(200);
    expect(fetches(jwksPath) - jwks).toBe(2);
    // Ten minutes on, discovery is read again.
    clock.skew += 10 * 60_000;
    expect(await login()).toBe(200);
    expect(fetches(DISCOVERY) - discoveries).toBe(2);
  });
});

describe("single sign-on settings refuse an issuer that is not https, end to end", () => {
  it("answers 400 on body.issuer for http, and for loopback http unless development allows it", async () => {
    const { gw, call, owner } = await startGateway();
    try {
      const put = (issuer: string) =>
        call("PUT", `/api/tenants/${gw.tenant.id}/sso`, {
          token: owner,
          body: { issuer, clientId: "gatehouse", mapping: { rules: [] } },
        });
      const remote = await put("http://idp.acme.test");
      expect([remote.status, remote.json.error.code]).toEqual([400, "invalid_request"]);
      expect(remote.json.error.message).toBe(
        "body.issuer: Must use https (http only for a provider on 127.0.0.1 or localhost).",
      );
      const query = await put("https://idp.acme.test/?tenant=1");
      expect(query.json.error.message).toBe("body.issuer: An issuer has no query or fragment.");
      // Loopback http is what the tests' provider uses: accepted here (see startTestGateway).
      expect((await put(op.issuer)).status).toBe(200);
    } finally {
      await gw.close();
    }
    // Without the development switch, http is refused even on this machine.
    const strict = await startTestGateway({
      passwordHasher: hasher,
      sso: { allowHttpLoopbackIssuer: false },
    });
    try {
      const strictCall = apiClient(strict.url);
      await strict.store.users.create({
        tenantId: strict.tenant.id,
        email: "owner@acme.test",
        name: "Owner",
        role: "owner",
        passwordHash: await hasher.hash(PASSWORD),
      });
      const token = (
        await strictCall("POST", "/api/auth/login", {
          body: { email: "owner@acme.test", password: PASSWORD },
        })
      ).json.accessToken;
      const res = await strictCall("PUT", `/api/tenants/${strict.tenant.id}/sso`, {
        token,
        body: {
          issuer: op.issuer,
          clientId: "gatehouse",
          clientSecret: CLIENT_SECRET,
          mapping: { rules: [] },
        },
      });
      expect([res.status, res.json.error.message]).toEqual([
        400,
        "body.issuer: Must use https: the provider's keys and answers must not be open to tampering on the way.",
      ]);
    } finally {
      await strict.close();
    }
  });
});
