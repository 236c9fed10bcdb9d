import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

// Cheap argon2id parameters: access is under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "rotate keys password";
let gw: TestGateway;
let owner: string;
let admin: string;
let teamAdmin: string;

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
  owner = await signedIn("owner");
  admin = await signedIn("admin");
  teamAdmin = await signedIn("member", "admin");
});
afterAll(async () => {
  await gw.close();
});

/** A user with a tenant role (and a workspace role in the default workspace), signed in. */
async function signedIn(role: "owner" | "admin" | "member", workspaceRole?: "admin"): Promise<string> {
  const email = `${role}@rotate.test`;
  const user = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: role,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  if (workspaceRole !== undefined) {
    await gw.store.forTenant(gw.tenant.id).workspaceMembers.put(gw.workspace.id, user.id, workspaceRole);
  }
  const login = await gw.app.server.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password: PASSWORD },
  });
  return login.json().accessToken;
}

async function post(token: string, path: string, payload: Record<string, unknown>) {
  const res = await gw.app.server.inject({
    method: "POST",
    url: `/api/tenants/${gw.tenant.id}${path}`,
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
  return { status: res.statusCode, json: res.json() };
}

/** A service account with the role, in the default workspace; the id of its first key. */
async function serviceAccountKey(role: string): Promise<string> {
  const sa = await post(owner, "/service-accounts", {
    name: `${role} bot`,
    role,
    workspaceId: gw.workspace.id,
  });
  return sa.json.issued.key.id;
}

describe("keys.rotate on a service account's key (the new secret acts with the account's role)", () => {
  it("refuses a workspace admin without service-accounts:manage, who may rotate the workspace's other keys", async () => {
    const keyId = await serviceAccountKey("admin");
    const refused = await post(teamAdmin, `/keys/${keyId}/rotate`, {});
    expect([refused.status, refused.json.error?.code]).toEqual([403, "permission_denied"]);
    const plain = await post(owner, `/workspaces/${gw.workspace.id}/keys`, { name: "team key" });
    expect((await post(teamAdmin, `/keys/${plain.json.key.id}/rotate`, {})).status).toBe(201);
  });

  it("refuses a tenant admin the key of an owner-role account, and serves them an admin-role one", async () => {
    expect((await post(admin, `/keys/${await serviceAccountKey("owner")}/rotate`, {})).status).toBe(403);
    const rotated = await post(admin, `/keys/${await serviceAccountKey("admin")}/rotate`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.json.key.serviceAccountId).toMatch(/^sa_/);
    expect((await post(owner, `/keys/${await serviceAccountKey("owner")}/rotate`, {})).status).toBe(201);
  });
});
