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
 * models:use, an API key, and a caller from another tenant are refused. The wildcard models the
 * workspace's members may call by any name are listed (playground.wildcards), as the allow-list admits.
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

describe("playground wildcards", () => {
  const ws = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;
  const wildcards = (token: string) => call("GET", `${ws()}/playground-wildcards`, { token });

  it("lists the wildcard models a member may call by name, as the workspace's allow-list admits", async () => {
    expect((await wildcards(member.token)).json).toEqual({ wildcards: [], allowedModels: null });
    const providers = await call("GET", `/api/tenants/${gw.tenant.id}/providers`, { token: owner });
    const providerId = providers.json.items[0].id as string;
    const created = await call("POST", `/api/tenants/${gw.tenant.id}/models`, {
      token: owner,
      body: { name: "openai/*" },
    });
    expect(created.status).toBe(201);
    const deployed = await call(
      "POST",
      `/api/tenants/${gw.tenant.id}/models/${created.json.id}/deployments`,
      {
        token: owner,
        body: { providerId, upstreamModel: "*" },
      },
    );
    expect(deployed.status).toBe(201);
    const listed = await wildcards(member.token);
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ wildcards: ["openai/*"], allowedModels: null });
    // A name only the wildcard routes is listed nowhere else, and the member's key can call it.
    const key = (await call("POST", issuePath(), { token: member.token })).json.secret as string;
    expect((await fetchChat(key, "openai/gpt-4.1-nano")).status).toBe(200);
    expect(fake.requests.at(-1)?.json).toMatchObject({ model: "gpt-4.1-nano" });

    const restrict = (allowedModels: string[] | null) =>
      call("PATCH", ws(), { token: owner, body: { allowedModels } });
    expect((await restrict(["anthropic/*", "gpt-4o-mini"])).status).toBe(200);
    expect((await wildcards(member.token)).json).toEqual({
      wildcards: [],
      allowedModels: ["anthropic/*", "gpt-4o-mini"],
    });
    expect((await restrict(["openai/gpt-4.1*"])).status).toBe(200);
    expect((await wildcards(member.token)).json).toEqual({
      wildcards: ["openai/*"],
      allowedModels: ["openai/gpt-4.1*"],
    });
    expect((await restrict(null)).status).toBe(200);
  }, 60_000);

  it("refuses a viewer without models:use, and answers another tenant's caller as missing", async () => {
    expect((await wildcards(viewer)).status).toBe(403);
    const other = await gw.store.tenants.create({ name: "Elsewhere" });
    const stranger = await user("stranger@elsewhere.test", "owner", other.id);
    expect((await wildcards(stranger.token)).status).toBe(404);
    expect((await call("GET", `${ws()}/playground-wildcards`)).status).toBe(401);
  }, 60_000);
});

function fetchChat(key: string, model = "gpt-4o-mini") {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }] }),
  });
}
