import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: string;
let memberId: string;
let t: string;

async function logIn(email: string, role: "owner" | "member") {
  const user = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  return { token: login.json.accessToken as string, id: user.id };
}

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  call = apiClient(gw.url);
  t = gw.tenant.id;
  owner = (await logIn("owner@acme.test", "owner")).token;
  ({ token: member, id: memberId } = await logIn("mia@acme.test", "member"));
  const put = await call("PUT", `/api/tenants/${t}/workspaces/${gw.workspace.id}/members/${memberId}`, {
    token: owner,
    body: { role: "member" },
  });
  expect(put.status).toBe(200);
});
afterAll(async () => {
  await gw.close();
});

describe("budgets through the control plane", () => {
  it("an admin creates, lists (with the current period), changes and deletes a budget; members may not", async () => {
    const created = await call("POST", `/api/tenants/${t}/budgets`, {
      token: owner,
      body: {
        scopeKind: "workspace",
        scopeId: gw.workspace.id,
        metric: "cost",
        period: "weekly",
        limit: 5e9,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ scopeKind: "workspace", limit: 5e9, setBy: "admin" });
    expect(created.json.current).toMatchObject({ spent: 0, reserved: 0 });
    expect(new Date(created.json.current.periodStart).getUTCDay()).toBe(1);
    const refused = await call("POST", `/api/tenants/${t}/budgets`, {
      token: member,
      body: { scopeKind: "tenant", metric: "cost", period: "daily", limit: 1 },
    });
    expect(refused.status).toBe(403);
    const missing = await call("POST", `/api/tenants/${t}/budgets`, {
      token: owner,
      body: { scopeKind: "key", metric: "cost", period: "daily", limit: 1 },
    });
    expect(missing.status).toBe(400);
    const list = await call("GET", `/api/tenants/${t}/budgets?limit=1&scopeKind=workspace`, { token: owner });
    expect(list.json.items.map((b: { id: string }) => b.id)).toEqual([created.json.id]);
    const patched = await call("PATCH", `/api/tenants/${t}/budgets/${created.json.id}`, {
      token: owner,
      body: { limit: 6e9 },
    });
    expect(patched.json.limit).toBe(6e9);
    expect(
      (await call("DELETE", `/api/tenants/${t}/budgets/${created.json.id}`, { token: owner })).status,
    ).toBe(204);
    expect(
      (await call("DELETE", `/api/tenants/${t}/budgets/${created.json.id}`, { token: owner })).status,
    ).toBe(404);
  });

  it("a member lowers the cap of their own key, never above the admin's", async () => {
    const key = await call("POST", `/api/tenants/${t}/workspaces/${gw.workspace.id}/keys`, {
      token: member,
      body: { name: "mine" },
    });
    expect(key.status).toBe(201);
    const keyId = key.json.key.id as string;
    const admin = await call("POST", `/api/tenants/${t}/budgets`, {
      token: owner,
      body: { scopeKind: "key", scopeId: keyId, metric: "cost", period: "daily", limit: 2e9 },
    });
    expect(admin.status).toBe(201);
    const above = await call("PUT", `/api/tenants/${t}/keys/${keyId}/budget`, {
      token: member,
      body: { metric: "cost", period: "daily", limit: 3e9 },
    });
    expect(above.status).toBe(403);
    const lower = await call("PUT", `/api/tenants/${t}/keys/${keyId}/budget`, {
      token: member,
      body: { metric: "cost", period: "daily", limit: 1e9 },
    });
    expect(lower.status).toBe(200);
    expect(lower.json).toMatchObject({ scopeKind: "key", scopeId: keyId, setBy: "member", limit: 1e9 });
    const again = await call("PUT", `/api/tenants/${t}/keys/${keyId}/budget`, {
      token: member,
      body: { metric: "cost", period: "daily", limit: 5e8 },
    });
    expect(again.json.id).toBe(lower.json.id);
    // Both caps apply to the key: the admin's and the member's lower one.
    const budgets = await gw.store.budgets.listTenant(t);
    expect(
      budgets
        .filter((b) => b.scopeId === keyId)
        .map((b) => b.limit)
        .sort(),
    ).toEqual([2e9, 5e8].sort());
    // Another member's key is not theirs to cap.
    const notMine = await call(
      "PUT",
      `/api/tenants/${t}/keys/${(await gw.store.apiKeys.list(t))[0]!.id}/budget`,
      {
        token: member,
        body: { metric: "cost", period: "daily", limit: 1 },
      },
    );
    expect([403, 404]).toContain(notMine.status);
  });

  it("the webhook secret is answered once, never read back", async () => {
    const put = await call("PUT", `/api/tenants/${t}/budget-webhook`, {
      token: owner,
      body: { url: "https://hooks.example.com/gatehouse" },
    });
    expect(put.status).toBe(200);
    expect(put.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const got = await call("GET", `/api/tenants/${t}/budget-webhook`, { token: owner });
    expect(got.json).toEqual({ url: "https://hooks.example.com/gatehouse", updatedAt: put.json.updatedAt });
    expect(got.text).not.toContain(put.json.secret);
    const bad = await call("PUT", `/api/tenants/${t}/budget-webhook`, {
      token: owner,
      body: { url: "ftp://x" },
    });
    expect(bad.status).toBe(400);
    expect((await call("DELETE", `/api/tenants/${t}/budget-webhook`, { token: owner })).status).toBe(204);
    expect((await call("GET", `/api/tenants/${t}/budget-webhook`, { token: owner })).json.url).toBeNull();
  });
});
