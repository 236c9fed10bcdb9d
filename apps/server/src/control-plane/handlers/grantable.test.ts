import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

// Cheap argon2id parameters: access is under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "grantable roles password";
let gw: TestGateway;
let owner: string;
let admin: { token: string; id: string };

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  owner = (await signedIn("owner")).token;
  admin = await signedIn("admin");
});
afterAll(async () => {
  await gw.close();
});

async function signedIn(role: "owner" | "admin"): Promise<{ token: string; id: string }> {
  const email = `${role}@grantable.test`;
  const user = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: role,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await gw.app.server.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: PASSWORD },
  });
  return { token: login.json().accessToken, id: user.id };
}

async function call(token: string, method: "POST" | "PATCH", path: string, payload: unknown) {
  const res = await gw.app.server.inject({
    method,
    url: `/api/tenants/${gw.tenant.id}${path}`,
    headers: { authorization: `Bearer ${token}` },
    payload: payload as Record<string, unknown>,
  });
  return { status: res.statusCode, json: res.json() };
}

describe("nobody grants a permission they do not hold (an admin lacks tenant:delete)", () => {
  it("refuses an admin a custom role with tenant:delete, created or updated; the owner may", async () => {
    const denied = await call(admin.token, "POST", "/roles", {
      name: "Super",
      permissions: ["tenant:delete"],
    });
    expect([denied.status, denied.json.error.code]).toEqual([403, "permission_denied"]);
    const mine = await call(admin.token, "POST", "/roles", { name: "Reader", permissions: ["tenant:read"] });
    expect(mine.status).toBe(201);
    const widen = await call(admin.token, "PATCH", `/roles/${mine.json.id}`, {
      permissions: ["tenant:delete"],
    });
    expect(widen.status).toBe(403);
    expect((await call(admin.token, "PATCH", `/roles/${mine.json.id}`, { name: "Readers" })).status).toBe(
      200,
    );
    expect(
      (await call(owner, "POST", "/roles", { name: "Owner-made", permissions: ["tenant:delete"] })).status,
    ).toBe(201);
  });

  it("refuses an admin granting a custom role that carries tenant:delete, to themself or a service account", async () => {
    const role = await call(owner, "POST", "/roles", { name: "Deleter", permissions: ["tenant:delete"] });
    const self = await call(admin.token, "PATCH", `/members/${admin.id}`, { role: role.json.id });
    expect([self.status, self.json.error?.code]).toEqual([403, "permission_denied"]);
    const sa = await call(admin.token, "POST", "/service-accounts", {
      name: "bot",
      role: role.json.id,
      workspaceId: gw.workspace.id,
    });
    expect(sa.status).toBe(403);
    const reader = await call(owner, "POST", "/roles", {
      name: "Plain reader",
      permissions: ["tenant:read"],
    });
    const fine = await call(admin.token, "POST", "/service-accounts", {
      name: "reader bot",
      role: reader.json.id,
      workspaceId: gw.workspace.id,
    });
    expect(fine.status).toBe(201);
  });
});
