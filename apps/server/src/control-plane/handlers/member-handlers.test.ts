import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

// Cheap argon2id parameters: access is under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "members list password";
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher });
});
afterAll(async () => {
  await gw.close();
});

/** A user of the test tenant with a tenant role (and a workspace role), signed in. */
async function signedIn(role: "billing" | "viewer", workspaceRole?: "viewer"): Promise<string> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@members.test`;
  const user = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: role,
    role: "viewer",
    passwordHash: await hasher.hash(PASSWORD),
  });
  await gw.store.forTenant(gw.tenant.id).members.setRole(user.id, role);
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

async function get(token: string, path: string) {
  const res = await gw.app.server.inject({
    method: "GET",
    url: `/api/tenants/${gw.tenant.id}${path}`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, code: res.json().error?.code as string | undefined };
}

describe("tenant-wide member reads (members.list, invitations.list)", () => {
  it("refuses a user whose members:read comes from a workspace role only; that workspace's members stay readable", async () => {
    const billing = await signedIn("billing", "viewer");
    expect(await get(billing, "/members")).toEqual({ status: 403, code: "permission_denied" });
    expect(await get(billing, "/invitations")).toEqual({ status: 403, code: "permission_denied" });
    expect((await get(billing, `/workspaces/${gw.workspace.id}/members`)).status).toBe(200);
  });

  it("serves a user holding members:read across the tenant", async () => {
    const viewer = await signedIn("viewer");
    expect((await get(viewer, "/members")).status).toBe(200);
    expect((await get(viewer, "/invitations")).status).toBe(200);
  });
});
