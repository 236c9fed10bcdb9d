import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import type { Store } from "../../store/store.js";
import { findStoreTargets } from "../../store/test-stores.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider) and the real Gatehouse on 127.0.0.1,
 * the browser played by plain fetches (manual redirects) and the provider's followLogin.
 */

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const PUBLIC_URL = "https://gatehouse.test";
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/sso/callback`;
const CLIENT_SECRET = "oidc-client-secret-Zq81xW4vB2nM";
const accounts: Record<string, { email: string; email_verified: boolean; name: string; groups: string[] }> = {
  alice: { email: "alice@acme.test", email_verified: true, name: "Alice", groups: ["gh-admins"] },
  olive: { email: "owner@acme.test", email_verified: true, name: "Olive", groups: [] },
  pat: { email: "pat@acme.test", email_verified: true, name: "Pat", groups: ["eng"] },
  mallory: { email: "mallory@evil.test", email_verified: true, name: "Mallory", groups: ["gh-admins"] },
  nobody: { email: "nobody@acme.test", email_verified: false, name: "Nobody", groups: ["gh-admins"] },
};
let op: OidcTestProvider;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let researchId: string;
/** Every answer body and Location header seen, to prove the client secret never leaves. */
const seen: string[] = [];

async function startAll(store: Store): Promise<void> {
  op = await startOidcTestProvider({
    clients: [{ client_id: "gatehouse", client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI] }],
    accounts,
  });
  accounts.alice!.groups = ["gh-admins"];
  gw = await startTestGateway({ store, passwordHasher: hasher, identity: { publicUrl: PUBLIC_URL } });
  const api = apiClient(gw.url);
  call = async (...args) => {
    const answer = await api(...args);
    seen.push(answer.text);
    return answer;
  };
  for (const [email, role] of [
    ["owner@acme.test", "owner"],
    ["pat@acme.test", "member"],
  ] as const) {
    await gw.store.users.create({
      tenantId: gw.tenant.id,
      email,
      name: email,
      role,
      passwordHash: await hasher.hash(PASSWORD),
    });
  }
  owner = (await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } }))
    .json.accessToken;
  const ws = await call("POST", `/api/tenants/${gw.tenant.id}/workspaces`, {
    token: owner,
    body: { name: "Research" },
  });
  researchId = ws.json.id;
}

/** Stops the server and the provider; the store is the target's to close (and drop). */
async function closeAll(): Promise<void> {
  await gw?.app.server.close();
  await gw?.app.shutdown();
  await op?.close();
}

const ssoPath = () => `/api/tenants/${gw.tenant.id}/sso`;

/** Plays the browser from the start link to the redirect back to Gatehouse's callback (not yet followed). */
async function loginAtProvider(accountId: string, options: { deny?: boolean } = {}): Promise<URL> {
  const start = await fetch(`${gw.url}/api/auth/sso/${gw.tenant.id}/start?redirect=/keys`, {
    redirect: "manual",
  });
  expect(start.status).toBe(302);
  const location = start.headers.get("location") ?? "";
  seen.push(location);
  const back = await op.followLogin(location, accountId, options);
  expect(back.origin + back.pathname).toBe(REDIRECT_URI);
  return back;
}

/** The redirect back, delivered to the real server (the public URL is a proxy's name in production). */
async function callback(back: URL): Promise<Response> {
  const res = await fetch(`${gw.url}${back.pathname}${back.search}`, { redirect: "manual" });
  seen.push(res.headers.get("location") ?? "", await res.clone().text());
  return res;
}

/** The whole login: answers the session tokens. */
async function ssoLogin(accountId: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await callback(await loginAtProvider(accountId));
  expect(res.status).toBe(302);
  const done = new URL(res.headers.get("location") ?? "");
  expect(done.origin + done.pathname).toBe(`${PUBLIC_URL}/sso/complete`);
  expect(done.search).toBe("");
  const fragment = new URLSearchParams(done.hash.slice(1));
  expect(fragment.get("redirect")).toBe("/keys");
  const code = fragment.get("code") ?? "";
  const exchanged = await call("POST", "/api/auth/sso/exchange", { body: { code } });
  expect(exchanged.status).toBe(200);
  const replayed = await call("POST", "/api/auth/sso/exchange", { body: { code } });
  expect([replayed.status, replayed.json.error.code]).toEqual([400, "invalid_token"]);
  return exchanged.json;
}

/** Waits until the server's permission cache (refreshed on the store's revision) sees the role. */
async function roleSeenAs(token: string, role: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const tenant = await call("GET", `/api/tenants/${gw.tenant.id}`, { token });
    if (tenant.json.role === role) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the role ${role} was not seen in time`);
}

async function roleOf(token: string): Promise<string | undefined> {
  const me = await call("GET", "/api/auth/me", { token });
  expect(me.status).toBe(200);
  return me.json.memberships.find((m: { tenantId: string }) => m.tenantId === gw.tenant.id)?.role;
}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(
    `single sign-on with OpenID Connect, end to end, on ${target.name}`,
    () => {
      let cleanup: () => Promise<void> = async () => {};
      beforeAll(async () => {
        const opened = await target.open(Date.now);
        cleanup = opened.cleanup;
        await startAll(opened.store);
      });
      afterAll(async () => {
        await closeAll();
        await cleanup();
      });

      it("lets the owner configure it; the secret is sealed and shown only as its last four", async () => {
        const missingSecret = await call("PUT", ssoPath(), {
          token: owner,
          body: { issuer: op.issuer, clientId: "gatehouse", mapping: { rules: [] } },
        });
        expect(missingSecret.status).toBe(400);
        const badWorkspace = await call("PUT", ssoPath(), {
          token: owner,
          body: {
            issuer: op.issuer,
            clientId: "gatehouse",
            clientSecret: CLIENT_SECRET,
            mapping: { rules: [{ group: "eng", workspace: "Nope" }] },
          },
        });
        expect([badWorkspace.status, badWorkspace.json.error.message]).toEqual([
          400,
          "body.mapping.rules.0.workspace: No workspace 'Nope' in this tenant.",
        ]);
        const put = await call("PUT", ssoPath(), {
          token: owner,
          body: {
            issuer: op.issuer,
            clientId: "gatehouse",
            clientSecret: CLIENT_SECRET,
            extraScopes: ["groups"],
            allowedDomains: ["acme.test"],
            jitProvisioning: true,
            mapping: {
              defaultTenantRole: "viewer",
              rules: [
                { group: "gh-admins", tenantRole: "admin" },
                { group: "eng", tenantRole: "member", workspace: "Research", workspaceRole: "admin" },
              ],
            },
          },
        });
        expect(put.status).toBe(200);
        expect(put.json).toMatchObject({
          issuer: op.issuer,
          clientSecretLastFour: `…${CLIENT_SECRET.slice(-4)}`,
          redirectUri: REDIRECT_URI,
          loginUrl: `${PUBLIC_URL}/api/auth/sso/${gw.tenant.id}/start`,
          enabled: true,
        });
        const got = await call("GET", ssoPath(), { token: owner });
        expect(got.json).toEqual(put.json);
        // Saving again without the secret keeps the stored one.
        // A member reads the settings but may not change them; another tenant's owner cannot even see them.
        const pat = await call("POST", "/api/auth/login", {
          body: { email: "pat@acme.test", password: PASSWORD },
        });
        expect((await call("GET", ssoPath(), { token: pat.json.accessToken })).status).toBe(200);
        const patPut = await call("PUT", ssoPath(), { token: pat.json.accessToken, body: put.json });
        expect(patPut.status).toBe(403);
        // An admin holds tenant:update but is not an owner: a provider of their own could sign in as the owner.
        await gw.store.forTenant(gw.tenant.id).members.setRole(pat.json.user.id, "admin");
        await roleSeenAs(pat.json.accessToken, "admin");
        const adminPut = await call("PUT", ssoPath(), { token: pat.json.accessToken, body: put.json });
        expect([adminPut.status, adminPut.json.error.message]).toEqual([
          403,
          "Only an owner may change single sign-on: its identity provider can sign in as any member.",
        ]);
        expect((await call("DELETE", ssoPath(), { token: pat.json.accessToken })).status).toBe(403);
        await gw.store.forTenant(gw.tenant.id).members.setRole(pat.json.user.id, "member");
        await roleSeenAs(pat.json.accessToken, "member");
        const other = await gw.store.tenants.create({ name: "Other" });
        await gw.store.users.create({
          tenantId: other.id,
          email: "zed@other.test",
          name: "Zed",
          role: "owner",
          passwordHash: await hasher.hash(PASSWORD),
        });
        const zed = await call("POST", "/api/auth/login", {
          body: { email: "zed@other.test", password: PASSWORD },
        });
        expect((await call("GET", ssoPath(), { token: zed.json.accessToken })).status).toBe(404);
        expect((await call("DELETE", ssoPath(), { token: zed.json.accessToken })).status).toBe(404);
        const again = await call("PUT", ssoPath(), {
          token: owner,
          body: { ...put.json, clientSecret: undefined },
        });
        expect(again.json.clientSecretLastFour).toBe(put.json.clientSecretLastFour);
      });

      it("starts with PKCE S256, state and nonce, and provisions a new user with the mapped role", async () => {
        const start = await fetch(`${gw.url}/api/auth/sso/${gw.tenant.id}/start`, { redirect: "manual" });
        const auth = new URL(start.headers.get("location") ?? "");
        expect(auth.origin).toBe(op.issuer);
        expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
        expect(auth.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
        expect(auth.searchParams.get("scope")).toBe("openid email profile groups");
        expect(auth.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
        expect(auth.searchParams.get("nonce")).toMatch(/^[\w-]{43}$/);

        const alice = await ssoLogin("alice");
        const me = await call("GET", "/api/auth/me", { token: alice.accessToken });
        expect(me.json.user).toMatchObject({ email: "alice@acme.test", name: "Alice", emailVerified: true });
        expect(await roleOf(alice.accessToken)).toBe("admin");
        const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?action=sso.provision`, {
          token: owner,
        });
        expect(audit.json.items[0]).toMatchObject({ target: { id: me.json.user.id } });
        expect(audit.json.items[0].after).toMatchObject({ email: "alice@acme.test", role: "admin" });
      });

      it("applies group changes at the next login: role and mapped workspace follow the provider", async () => {
        accounts.alice!.groups = ["eng"];
        const alice = await ssoLogin("alice");
        expect(await roleOf(alice.accessToken)).toBe("member");
        const members = await call("GET", `/api/tenants/${gw.tenant.id}/workspaces/${researchId}/members`, {
          token: owner,
        });
        expect(members.json.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
          ["alice@acme.test", "admin"],
        ]);
        const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?action=sso.roleChange`, {
          token: owner,
        });
        expect(audit.json.items[0]).toMatchObject({ before: { role: "admin" }, after: { role: "member" } });

        accounts.alice!.groups = [];
        const again = await ssoLogin("alice");
        expect(await roleOf(again.accessToken)).toBe("viewer");
        const after = await call("GET", `/api/tenants/${gw.tenant.id}/workspaces/${researchId}/members`, {
          token: owner,
        });
        expect(after.json.items).toEqual([]);
      });

      it("signs existing password users in without locking them out or demoting the owner", async () => {
        const olive = await ssoLogin("olive");
        expect(await roleOf(olive.accessToken)).toBe("owner");
        const pat = await ssoLogin("pat");
        expect(await roleOf(pat.accessToken)).toBe("member");
        for (const email of ["owner@acme.test", "pat@acme.test"]) {
          const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
          expect(login.status).toBe(200);
        }
      });

      it("refuses a replayed or forged state, a provider's denial, a foreign domain and an unverified email", async () => {
        const back = await loginAtProvider("alice");
        expect((await callback(back)).status).toBe(302);
        // The request log shows the callback, without its code or state.
        const logs = gw.logs.join("\n");
        expect(logs).toContain("/api/auth/sso/callback?code=[redacted]");
        expect(logs).not.toContain(back.searchParams.get("code")!);
        expect(logs).not.toContain(back.searchParams.get("state")!);
        const replay = await callback(back);
        expect([replay.status, ((await replay.json()) as { error: { code: string } }).error.code]).toEqual([
          400,
          "invalid_request",
        ]);
        const forged = new URL(back);
        forged.searchParams.set("state", "x".repeat(43));
        expect((await callback(forged)).status).toBe(400);
        expect((await callback(new URL(`${REDIRECT_URI}?code=abc`))).status).toBe(400);

        const denied = await callback(await loginAtProvider("alice", { deny: true }));
        const deniedBody = (await denied.json()) as { error: { code: string; message: string } };
        expect([denied.status, deniedBody.error.code]).toEqual([403, "permission_denied"]);
        expect(deniedBody.error.message).toContain("access_denied");

        const mallory = await callback(await loginAtProvider("mallory"));
        expect(mallory.status).toBe(403);
        expect(await gw.store.users.findByEmail("mallory@evil.test")).toBeUndefined();
        const nobody = await callback(await loginAtProvider("nobody"));
        expect(nobody.status).toBe(403);
        expect(await gw.store.users.findByEmail("nobody@acme.test")).toBeUndefined();
      });

      it("answers 404 for a tenant without single sign-on, and stops logins once it is removed", async () => {
        const unknown = await fetch(`${gw.url}/api/auth/sso/ten_${"A".repeat(20)}/start`, {
          redirect: "manual",
        });
        expect(unknown.status).toBe(404);
        // A browser following the link lands on the console's page with the error, not on raw JSON.
        const browser = await fetch(`${gw.url}/api/auth/sso/ten_${"A".repeat(20)}/start`, {
          redirect: "manual",
          headers: { accept: "text/html,application/xhtml+xml" },
        });
        expect(browser.status).toBe(302);
        const landing = new URL(browser.headers.get("location")!, gw.url);
        expect(landing.pathname).toBe("/sso/complete");
        expect(new URLSearchParams(landing.hash.slice(1)).get("error")).toBe("not_found");
        const back = await loginAtProvider("alice");
        expect((await call("DELETE", ssoPath(), { token: owner })).status).toBe(204);
        expect((await call("GET", ssoPath(), { token: owner })).status).toBe(404);
        expect((await callback(back)).status).toBe(404);
      });

      it("never shows the client secret in an answer, a redirect, the audit log or the logs", async () => {
        const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?limit=200`, { token: owner });
        expect(audit.json.items.map((e: { action: string }) => e.action)).toContain("sso.put");
        const csv = await call("GET", `/api/tenants/${gw.tenant.id}/audit/export`, { token: owner });
        expect(csv.text).toContain("sso.delete");
        expect(seen.join("\n")).not.toContain(CLIENT_SECRET);
        expect(gw.logs.join("\n")).not.toContain(CLIENT_SECRET);
      });
    },
  );
}
