import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Rate limits over the API: who may set which (the rights depend on the limit's scope), a member limiting
 * and only lowering a limit on a key of their own, audit, and the change reaching the data plane.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: string;
let memberKey: { id: string; secret: string };
let ownerKeyId: string;

const base = () => `/api/tenants/${gw.tenant.id}/rate-limits`;

async function user(email: string, role: "owner" | "member"): Promise<{ id: string; token: string }> {
  const u = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  return { id: u.id, token: login.json.accessToken };
}

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  const m = await user("member@acme.test", "member");
  member = m.token;
  const ws = `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;
  expect(
    (await call("PUT", `${ws}/members/${m.id}`, { token: owner, body: { role: "member" } })).status,
  ).toBe(200);
  const mk = await call("POST", `${ws}/keys`, { token: member, body: { name: "mine" } });
  memberKey = { id: mk.json.key.id, secret: mk.json.secret };
  ownerKeyId = (await call("POST", `${ws}/keys`, { token: owner, body: { name: "theirs" } })).json.key.id;
});
afterAll(() => gw.close());

describe("rate limits over the API", () => {
  it("lets an owner set limits on every scope, lists them by scope, audits each change", async () => {
    const tenantWide = await call("POST", base(), {
      token: owner,
      body: { scopeKind: "tenant", scopeId: gw.tenant.id, concurrency: 50 },
    });
    expect(tenantWide.status).toBe(201);
    expect(tenantWide.json).toMatchObject({ scopeKind: "tenant", model: null, concurrency: 50, rpm: null });
    const ws = await call("POST", base(), {
      token: owner,
      body: { scopeKind: "workspace", scopeId: gw.workspace.id, model: "gpt-4o*", rpm: 60, tpm: 100_000 },
    });
    expect(ws.status).toBe(201);
    const dup = await call("POST", base(), {
      token: owner,
      body: { scopeKind: "workspace", scopeId: gw.workspace.id, model: "gpt-4o*", rpm: 1 },
    });
    expect(dup.status).toBe(409);
    const empty = await call("POST", base(), {
      token: owner,
      body: { scopeKind: "key", scopeId: ownerKeyId },
    });
    expect(empty.status).toBe(400);
    const page = await call("GET", `${base()}?scopeKind=workspace&limit=10`, { token: owner });
    expect(page.json.items.map((r: { id: string }) => r.id)).toEqual([ws.json.id]);
    const changed = await call("PATCH", `${base()}/${ws.json.id}`, { token: owner, body: { rpm: null } });
    expect(changed.json).toMatchObject({ rpm: null, tpm: 100_000 });
    const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?limit=5`, { token: owner });
    expect(audit.json.items.map((e: { action: string }) => e.action)).toContain("rateLimits.update");
    expect((await call("DELETE", `${base()}/${ws.json.id}`, { token: owner })).status).toBe(204);
    expect((await call("DELETE", `${base()}/${tenantWide.json.id}`, { token: owner })).status).toBe(204);
  });

  it("lets a member limit a key of their own and only lower it; nothing else", async () => {
    const mine = await call("POST", base(), {
      token: member,
      body: { scopeKind: "key", scopeId: memberKey.id, rpm: 10 },
    });
    expect(mine.status).toBe(201);
    const path = `${base()}/${mine.json.id}`;
    expect((await call("PATCH", path, { token: member, body: { rpm: 20 } })).status).toBe(403);
    expect((await call("PATCH", path, { token: member, body: { rpm: null } })).status).toBe(403);
    expect((await call("PATCH", path, { token: member, body: { model: "other" } })).status).toBe(403);
    const lowered = await call("PATCH", path, { token: member, body: { rpm: 5, tpm: 1000 } });
    expect([lowered.status, lowered.json.rpm, lowered.json.tpm]).toEqual([200, 5, 1000]);
    expect((await call("DELETE", path, { token: member })).status).toBe(403);
    for (const body of [
      { scopeKind: "key", scopeId: ownerKeyId, rpm: 1 },
      { scopeKind: "workspace", scopeId: gw.workspace.id, rpm: 1 },
      { scopeKind: "tenant", scopeId: gw.tenant.id, rpm: 1 },
    ]) {
      expect((await call("POST", base(), { token: member, body })).status).toBe(403);
    }
    expect((await call("GET", base(), { token: member })).status).toBe(403);
    // The limit holds on the data plane at once (this instance applied the change before answering).
    const models = await fetch(`${gw.url}/v1/models`, {
      headers: { authorization: `Bearer ${memberKey.secret}` },
    });
    expect(models.headers.get("x-ratelimit-limit-requests")).toBe("5");
    const listed = await call("GET", `${base()}?scopeKind=key&scopeId=${memberKey.id}`, { token: owner });
    expect(listed.json.items).toEqual([
      expect.objectContaining({
        id: mine.json.id,
        rpm: 5,
        use: { requests: 1, tokens: 0, concurrent: null },
      }),
    ]);
    expect((await call("DELETE", path, { token: owner })).status).toBe(204);
  });

  it("answers 404 for another tenant's scope or limit", async () => {
    const other = await gw.store.tenants.create({ name: "Other" });
    const ws = await gw.store.workspaces.create({ tenantId: other.id, name: "w" });
    const foreign = await call("POST", base(), {
      token: owner,
      body: { scopeKind: "workspace", scopeId: ws.id, rpm: 1 },
    });
    expect(foreign.status).toBe(404);
    const rule = await gw.store
      .forTenant(other.id)
      .rateLimits.create({ scopeKind: "tenant", scopeId: other.id, rpm: 1 });
    expect((await call("PATCH", `${base()}/${rule.id}`, { token: owner, body: { rpm: 2 } })).status).toBe(
      404,
    );
    expect((await call("DELETE", `${base()}/${rule.id}`, { token: owner })).status).toBe(404);
  });
});
