import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

// budgets.mine: what the chat's quota bar reads for a member who may not read the tenant's budgets.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: string;
let memberId: string;
let otherId: string;
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
const minePath = () => `/api/tenants/${t}/workspaces/${gw.workspace.id}/my-budgets`;
const budget = (scopeKind: string, scopeId: string, limit: number) =>
  call("POST", `/api/tenants/${t}/budgets`, {
    token: owner,
    body: { scopeKind, scopeId, metric: "cost", period: "daily", limit },
  });

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  call = apiClient(gw.url);
  t = gw.tenant.id;
  owner = (await logIn("owner@acme.test", "owner")).token;
  ({ token: member, id: memberId } = await logIn("mia@acme.test", "member"));
  ({ id: otherId } = await logIn("otto@acme.test", "member"));
  for (const id of [memberId, otherId]) {
    const put = await call("PUT", `/api/tenants/${t}/workspaces/${gw.workspace.id}/members/${id}`, {
      token: owner,
      body: { role: "member" },
    });
    expect(put.status).toBe(200);
  }
});
afterAll(async () => {
  await gw.close();
});

describe("budgets.mine", () => {
  it("answers only the budgets that apply to the caller here, with the current period", async () => {
    expect((await call("GET", `/api/tenants/${t}/budgets`, { token: member })).status).toBe(403);
    expect((await call("GET", minePath(), { token: member })).json).toEqual({ items: [] });

    const key = await call("POST", `/api/tenants/${t}/workspaces/${gw.workspace.id}/playground-key`, {
      token: member,
    });
    expect(key.status).toBe(201);
    const applies = [
      await budget("tenant", t, 9e9),
      await budget("workspace", gw.workspace.id, 8e9),
      await budget("user", memberId, 7e9),
      await budget("key", key.json.key.id, 6e9),
    ];
    // Not the caller's: another member's budget, and the first start's key (not the member's).
    const [firstKey] = (await call("GET", `/api/tenants/${t}/keys`, { token: owner })).json.items.filter(
      (k: { userId: string | null }) => k.userId !== memberId,
    );
    await budget("user", otherId, 5e9);
    if (firstKey) await budget("key", firstKey.id, 4e9);

    const mine = await call("GET", minePath(), { token: member });
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((b: { id: string }) => b.id).sort()).toEqual(
      applies.map((b) => b.json.id as string).sort(),
    );
    expect(mine.json.items[0].current).toMatchObject({ spent: 0, reserved: 0 });
  });

  it("refuses an API key (403) and answers another tenant's or a missing workspace as 404", async () => {
    const byKey = await call("GET", minePath(), { token: gw.key });
    expect(byKey.status).toBe(403);
    expect(byKey.json.error.code).toBe("permission_denied");
    const missing = await call("GET", `/api/tenants/${t}/workspaces/ws_Missing0000000000000/my-budgets`, {
      token: owner,
    });
    expect(missing.status).toBe(404);
    const unauthenticated = await call("GET", minePath(), {});
    expect(unauthenticated.status).toBe(401);
  });
});
