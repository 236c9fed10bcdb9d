import { createGatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import type { UserRole } from "../../store/store-types.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * The playground's key: a signed-in user with models:use in a workspace gets a short-lived key of their
 * own (audited, expiring, one live at a time), which the SDK's chat then uses; a viewer without
 * models:use, an API key, and a caller from another tenant are refused.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: { id: string; token: string };
let viewer: string;

async function user(email: string, role: UserRole, tenantId = gw.tenant.id) {
  const u = await gw.store.users.create({
    tenantId,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  expect(login.status).toBe(200);
  return { id: u.id, token: login.json.accessToken as string };
}

const issuePath = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}/playground-key`;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 4 });
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "openai", baseUrl: fake.url, apiKey: "sk-x", models: ["gpt-4o-mini"] }],
  });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  member = await user("member@acme.test", "member");
  const v = await user("viewer@acme.test", "viewer");
  viewer = v.token;
  const ws = `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;
  expect(
    (await call("PUT", `${ws}/members/${member.id}`, { token: owner, body: { role: "member" } })).status,
  ).toBe(200);
  expect(
    (await call("PUT", `${ws}/members/${v.id}`, { token: owner, body: { role: "viewer" } })).status,
  ).toBe(200);
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

describe("playground keys", () => {
  it("issues a member an expiring key of their own that the SDK's chat uses, and audits it", async () => {
    const issued = await call("POST", issuePath(), { token: member.token });
    expect(issued.status).toBe(201);
    expect(issued.json.secret).toMatch(/^gh_/);
    expect(issued.json.key).toMatchObject({
      userId: member.id,
      workspaceId: gw.workspace.id,
      status: "active",
      metadata: { "gatehouse:purpose": "playground" },
    });
    const ttl = new Date(issued.json.key.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(50 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);

    const sdk = createGatehouseClient({ baseUrl: gw.url, apiKey: issued.json.secret });
    const answer = await sdk.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(answer.choices[0]?.message.content).toBe(fakeReplyText("openai", 4));
    let streamed = "";
    for await (const chunk of sdk.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
    })) {
      streamed += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(streamed).toBe(fakeReplyText("openai", 4));

    const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?action=playground.issueKey`, {
      token: owner,
    });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.json)).toContain(issued.json.key.id);
    expect(audit.text).not.toContain(issued.json.secret);
  }, 60_000);

  it("keeps one live key per user and workspace: a new one revokes the earlier", async () => {
    const first = await call("POST", issuePath(), { token: member.token });
    const second = await call("POST", issuePath(), { token: member.token });
    expect(second.status).toBe(201);
    const old = await call("GET", `/api/tenants/${gw.tenant.id}/keys/${first.json.key.id}`, { token: owner });
    expect(old.json.status).toBe("revoked");
    await expect.poll(async () => (await fetchChat(first.json.secret)).status, { timeout: 10_000 }).toBe(401);
    expect((await fetchChat(second.json.secret)).status).toBe(200);
  }, 60_000);

  it("refuses a viewer without models:use, an API key, and other tenants", async () => {
    const byViewer = await call("POST", issuePath(), { token: viewer });
    expect(byViewer.status).toBe(403);
    const byKey = await call("POST", issuePath(), { token: gw.key });
    expect(byKey.status).toBe(403);
    const other = await gw.store.tenants.create({ name: "Other" });
    const stranger = await user("stranger@other.test", "owner", other.id);
    expect((await call("POST", issuePath(), { token: stranger.token })).status).toBe(404);
  }, 60_000);
});

function fetchChat(key: string) {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }),
  });
}
