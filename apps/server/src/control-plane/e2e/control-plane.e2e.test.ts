import { type SmtpSink, startSmtpSink } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../../email/smtp-mailer.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient, tokenInEmail } from "./control-plane-api.js";

// Cheap argon2id parameters: the flows are under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let smtp: SmtpSink;
let call: ReturnType<typeof apiClient>;
let owner: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  gw = await startTestGateway({
    providers: [{ name: "alpha", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-a", models: ["m1", "m2"] }],
    passwordHasher: hasher,
    mailer: createSmtpMailer({ url: smtp.url, from: "Gatehouse <gh@test.local>" }),
    identity: { signUpEnabled: true, publicUrl: "https://gatehouse.test" },
  });
  call = apiClient(gw.url);
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email: "owner@acme.test",
    name: "Olive Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  owner = (await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } }))
    .json.accessToken;
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

describe("control plane, end to end over HTTP", () => {
  it("signs in with a password, refuses a wrong one alike for unknown emails, and says who I am", async () => {
    const wrong = await call("POST", "/api/auth/login", {
      body: { email: "owner@acme.test", password: "nope" },
    });
    const unknown = await call("POST", "/api/auth/login", {
      body: { email: "ghost@acme.test", password: "nope" },
    });
    expect([wrong.status, wrong.json.error.code]).toEqual([401, "invalid_credentials"]);
    expect(unknown.json.error.message).toBe(wrong.json.error.message);
    const me = await call("GET", "/api/auth/me", { token: owner });
    expect(me.json.user.email).toBe("owner@acme.test");
    expect(me.json.user).not.toHaveProperty("passwordHash");
    expect(me.json.memberships).toEqual([
      { tenantId: gw.tenant.id, tenantName: gw.tenant.name, role: "owner" },
    ]);
  });

  it("creates a workspace and a key limited to one model; the data plane enforces it; revocation is immediate", async () => {
    const t = gw.tenant.id;
    const ws = await call("POST", `/api/tenants/${t}/workspaces`, {
      token: owner,
      body: { name: "Research", allowedModels: ["m1"] },
    });
    expect(ws.status).toBe(201);
    const created = await call("POST", `/api/tenants/${t}/workspaces/${ws.json.id}/keys`, {
      token: owner,
      body: { name: "ci" },
    });
    expect(created.status).toBe(201);
    const secret: string = created.json.secret;
    expect(created.json.key).not.toHaveProperty("keyHash");
    const models = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(["m1"]);
    const refused = await chat(secret, "m2");
    expect([refused.status, refused.code]).toEqual([404, "model_not_found"]);
    expect((await chat(secret, "m1")).status).not.toBe(404);

    const keyPath = `/api/tenants/${t}/keys/${created.json.key.id}`;
    await call("PATCH", keyPath, { token: owner, body: { allowedCidrs: ["10.0.0.0/8"] } });
    expect((await chat(secret, "m1")).status).toBe(403);
    // The control plane applies the same ranges: the key is refused there too, before any body is read.
    const api = await call("GET", "/api/deployments/health", { token: secret });
    expect([api.status, api.json.error.code]).toEqual([403, "permission_denied"]);
    expect(
      (await call("PATCH", keyPath, { token: owner, body: { allowedCidrs: ["10.0.0.0/33"] } })).status,
    ).toBe(400);
    const revoked = await call("POST", `${keyPath}/revoke`, { token: owner });
    expect(revoked.json.status).toBe("revoked");
    expect((await chat(secret, "m1")).code).toBe("revoked_api_key");
    // The secret never reaches the audit log or the logs.
    const audit = await call("GET", `/api/tenants/${t}/audit?action=keys.create`, { token: owner });
    expect(audit.json.items[0].target.id).toBe(created.json.key.id);
    expect(audit.text).not.toContain(secret);
    expect(gw.logs.join("\n")).not.toContain(secret);
    const csv = await call("GET", `/api/tenants/${t}/audit/export`, { token: owner });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.split("\r\n")[0]).toBe(
      "at,actor_kind,actor_id,action,target_kind,target_id,ip,user_agent,before,after",
    );
  });

  it("invites a member by email; the member creates keys only in their workspace and sees their team's keys", async () => {
    const t = gw.tenant.id;
    const ws = (await call("POST", `/api/tenants/${t}/workspaces`, { token: owner, body: { name: "Team" } }))
      .json;
    const teamKey = (
      await call("POST", `/api/tenants/${t}/workspaces/${ws.id}/keys`, {
        token: owner,
        body: { name: "team" },
      })
    ).json;
    const invite = await call("POST", `/api/tenants/${t}/invitations`, {
      token: owner,
      body: { email: "mia@acme.test", role: "member", workspaceId: ws.id, workspaceRole: "member" },
    });
    expect(invite.status).toBe(201);
    const mail = await smtp.waitForMessage((m) => m.to.includes("mia@acme.test"));
    const token = tokenInEmail(mail.text);
    const accepted = await call("POST", "/api/invitations/accept", {
      body: { token, password: PASSWORD, name: "Mia" },
    });
    expect(accepted.status).toBe(200);
    expect(
      (await call("POST", "/api/invitations/accept", { body: { token, password: PASSWORD, name: "Mia" } }))
        .json.error.code,
    ).toBe("invalid_token");
    const mia: string = accepted.json.accessToken;
    // What a console shows Mia: member permissions across the tenant, more in her workspace.
    const access = (await call("GET", `/api/tenants/${t}`, { token: mia })).json;
    expect(access.role).toBe("member");
    expect(access.permissions).toContain("models:use");
    expect(access.permissions).not.toContain("keys:create");
    expect(access.workspacePermissions[ws.id]).toContain("keys:create");
    expect(access.workspacePermissions[gw.workspace.id]).toBeUndefined();
    const keys = await call("GET", `/api/tenants/${t}/keys`, { token: mia });
    expect(keys.json.items.map((k: { id: string }) => k.id)).toEqual([teamKey.key.id]);
    const own = await call("POST", `/api/tenants/${t}/workspaces/${ws.id}/keys`, {
      token: mia,
      body: { name: "mine" },
    });
    expect(own.status).toBe(201);
    const defaultWs = gw.workspace.id;
    expect(
      (
        await call("POST", `/api/tenants/${t}/workspaces/${defaultWs}/keys`, {
          token: mia,
          body: { name: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call("POST", `/api/tenants/${t}/keys/${teamKey.key.id}/revoke`, { token: mia })).status,
    ).toBe(403);
    expect(
      (await call("POST", `/api/tenants/${t}/keys/${own.json.key.id}/revoke`, { token: mia })).status,
    ).toBe(200);
    expect(
      (await call("PATCH", `/api/tenants/${t}`, { token: mia, body: { name: "Mine now" } })).status,
    ).toBe(403);
  });

  it("answers 404 to another tenant's owner for everything of this tenant", async () => {
    const signUp = await call("POST", "/api/auth/signup", {
      body: { email: "bo@other.test", password: PASSWORD, name: "Bo" },
    });
    expect(signUp.status).toBe(201);
    const bo: string = signUp.json.accessToken;
    const t = gw.tenant.id;
    for (const path of [
      `/api/tenants/${t}`,
      `/api/tenants/${t}/workspaces`,
      `/api/tenants/${t}/keys`,
      `/api/tenants/${t}/audit`,
    ]) {
      const res = await call("GET", path, { token: bo });
      expect([path, res.status, res.json.error.code]).toEqual([path, 404, "not_found"]);
    }
    const mine = (await call("GET", "/api/tenants", { token: bo })).json.items;
    expect(mine).toHaveLength(1);
    expect(mine[0].role).toBe("owner");
  });

  it("rotates refresh tokens, ends the family on reuse, and logs out everywhere", async () => {
    const first = (
      await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } })
    ).json;
    const second = await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    const reuse = await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    // The reuse revoked the whole family: the token the thief or the user got next is dead too.
    expect(
      (await call("POST", "/api/auth/refresh", { body: { refreshToken: second.json.refreshToken } })).status,
    ).toBe(401);
    const session = (
      await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } })
    ).json;
    await new Promise((r) => setTimeout(r, 1_100)); // JWT times are whole seconds
    expect((await call("POST", "/api/auth/logout-all", { token: session.accessToken })).status).toBe(204);
    expect((await call("GET", "/api/auth/me", { token: session.accessToken })).status).toBe(401);
    owner = (
      await call("POST", "/api/auth/login", { body: { email: "owner@acme.test", password: PASSWORD } })
    ).json.accessToken;
  });

  it("resets a password through a single-use emailed link", async () => {
    expect(
      (await call("POST", "/api/auth/password-reset", { body: { email: "owner@acme.test" } })).status,
    ).toBe(204);
    expect(
      (await call("POST", "/api/auth/password-reset", { body: { email: "nobody@acme.test" } })).status,
    ).toBe(204);
    const mail = await smtp.waitForMessage(
      (m) => m.to.includes("owner@acme.test") && /reset/i.test(m.subject),
    );
    const token = tokenInEmail(mail.text);
    const body = { token, newPassword: "an entirely new passphrase" };
    expect((await call("POST", "/api/auth/password-reset/confirm", { body })).status).toBe(204);
    expect((await call("POST", "/api/auth/password-reset/confirm", { body })).status).toBe(400);
    const login = await call("POST", "/api/auth/login", {
      body: { email: "owner@acme.test", password: body.newPassword },
    });
    expect(login.status).toBe(200);
  });

  it("validates bodies with field paths, replays idempotent creates, and serves the OpenAPI document", async () => {
    const t = gw.tenant.id;
    const login = await call("POST", "/api/auth/login", {
      body: { email: "owner@acme.test", password: "an entirely new passphrase" },
    });
    const token: string = login.json.accessToken;
    const bad = await call("POST", `/api/tenants/${t}/workspaces`, { token, body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe("body.name");
    const headers = { "idempotency-key": "create-ws-1" };
    const a = await call("POST", `/api/tenants/${t}/workspaces`, { token, headers, body: { name: "Once" } });
    const b = await call("POST", `/api/tenants/${t}/workspaces`, { token, headers, body: { name: "Once" } });
    expect(b.json.id).toBe(a.json.id);
    const doc = await call("GET", "/api/openapi.json");
    expect(doc.json.paths["/api/tenants/{tenantId}/workspaces/{workspaceId}/keys"].post.operationId).toBe(
      "keys.create",
    );
    expect((await fetch(`${gw.url}/api/docs`)).headers.get("content-type")).toContain("text/html");
  });
});

async function chat(key: string, model: string): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code };
}
