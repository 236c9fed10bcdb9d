import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import type { UserRole } from "../../store/store-types.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Chat conversations through the API (docs/chat.md): a member's conversation with a real data-plane answer
 * appended with its request id, branches, search and export; privacy between users (even the tenant's
 * owner gets 404), other tenants, viewers and API keys; bounded sizes.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: { id: string; token: string };
let member2: string;
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

const base = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}/conversations`;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 3 });
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "openai", baseUrl: fake.url, apiKey: "sk-x", models: ["gpt-4o-mini"] }],
  });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  member = await user("member@acme.test", "member");
  const m2 = await user("member2@acme.test", "member");
  member2 = m2.token;
  const v = await user("viewer@acme.test", "viewer");
  viewer = v.token;
  const ws = `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;
  for (const [id, role] of [
    [member.id, "member"],
    [m2.id, "member"],
    [v.id, "viewer"],
  ] as const) {
    expect((await call("PUT", `${ws}/members/${id}`, { token: owner, body: { role } })).status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await fake?.close();
});

describe("chat conversations API", () => {
  it("stores a conversation with a real answer, branches, lists, searches, exports and deletes it", async () => {
    const t = member.token;
    const created = await call("POST", base(), {
      token: t,
      body: { title: "Capital cities", model: "gpt-4o-mini" },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const u1 = await call("POST", `${base()}/${id}/messages`, {
      token: t,
      body: { parentId: null, role: "user", text: "What is the capital of Portugal?" },
    });
    expect(u1.status).toBe(201);

    // The UI's path: the chat goes through the data plane with the playground key, then the answer is stored.
    const key = await call(
      "POST",
      `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}/playground-key`,
      {
        token: t,
      },
    );
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.json.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "capital?" }] }),
    });
    const requestId = res.headers.get("x-gatehouse-request-id");
    expect(requestId).toBeTruthy();
    const answer = (await res.json()) as {
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number };
    };
    const a1 = await call("POST", `${base()}/${id}/messages`, {
      token: t,
      body: {
        parentId: u1.json.message.id,
        role: "assistant",
        text: answer.choices[0]!.message.content,
        model: "gpt-4o-mini",
        usageRecordId: requestId,
        inputTokens: answer.usage.prompt_tokens,
      },
    });
    expect(a1.status).toBe(201);
    expect(a1.json.message).toMatchObject({ usageRecordId: requestId, text: fakeReplyText("openai", 3) });
    // A regenerated answer is a sibling, and becomes the branch shown.
    const a2 = await call("POST", `${base()}/${id}/messages`, {
      token: t,
      body: { parentId: u1.json.message.id, role: "assistant", text: "Lisbon, on the Tagus." },
    });
    let got = await call("GET", `${base()}/${id}`, { token: t });
    expect(got.status).toBe(200);
    expect(got.json.messages.map((m: { text: string }) => m.text)).toEqual([
      "What is the capital of Portugal?",
      "Lisbon, on the Tagus.",
    ]);
    expect(got.json.messages[1].siblingIds).toEqual([a1.json.message.id, a2.json.message.id]);
    const switched = await call("PATCH", `${base()}/${id}`, {
      token: t,
      body: { activeLeafId: a1.json.message.id },
    });
    expect(switched.json.activeLeafId).toBe(a1.json.message.id);
    got = await call("GET", `${base()}/${id}`, { token: t });
    expect(got.json.messages[1].text).toBe(fakeReplyText("openai", 3));

    await call("PATCH", `${base()}/${id}`, { token: t, body: { pinned: true, title: "Portugal" } });
    const list = await call("GET", `${base()}?pinned=true&archived=false`, { token: t });
    expect(list.json.items.map((c: { title: string }) => c.title)).toEqual(["Portugal"]);
    const found = await call("GET", `${base()}?q=tagus`, { token: t });
    expect(found.json.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await call("GET", `${base()}?q=madrid`, { token: t })).json.items).toEqual([]);

    const md = await call("GET", `${base()}/${id}/export`, { token: t });
    expect(md.json).toMatchObject({ filename: "Portugal.md", contentType: "text/markdown" });
    expect(md.json.content).toContain("# Portugal");
    expect(md.json.content).toContain(fakeReplyText("openai", 3));
    expect(md.json.content).not.toContain("Tagus");
    const json = await call("GET", `${base()}/${id}/export?format=json`, { token: t });
    expect(JSON.parse(json.json.content).messages).toHaveLength(3);

    expect((await call("DELETE", `${base()}/${id}`, { token: t })).status).toBe(204);
    expect((await call("GET", `${base()}/${id}`, { token: t })).status).toBe(404);
  }, 60_000);

  it("records an answer's tokens and cost from its usage record once metered, not the numbers sent", async () => {
    const t = member.token;
    const c = await call("POST", base(), { token: t, body: { title: "Metered", model: "gpt-4o-mini" } });
    const key = await call(
      "POST",
      `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}/playground-key`,
      {
        token: t,
      },
    );
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.json.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }),
    });
    const requestId = res.headers.get("x-gatehouse-request-id")!;
    await gw.app.runtime.usage.flush();
    const record = (await gw.store.usage.get(gw.tenant.id, requestId))!;
    expect(record.status).toBe("success");
    const append = (usageRecordId: string) =>
      call("POST", `${base()}/${c.json.id}/messages`, {
        token: t,
        body: { parentId: null, role: "assistant", text: "x", usageRecordId, inputTokens: 9999, costNano: 1 },
      });
    const metered = await append(requestId);
    expect(metered.json.message).toMatchObject({
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      costNano: record.costNano,
    });
    expect(metered.json.message.inputTokens).not.toBe(9999);
    // An id with no stored record yet (written in batches): the numbers sent are kept.
    const unknown = await append("req_not_metered_yet");
    expect(unknown.json.message).toMatchObject({ inputTokens: 9999, costNano: 1 });
  }, 60_000);

  it("keeps each conversation private to its user: others, the owner and other tenants get 404", async () => {
    const c = await call("POST", base(), { token: member.token, body: { title: "Private", model: "m" } });
    const path = `${base()}/${c.json.id}`;
    for (const token of [member2, owner]) {
      expect((await call("GET", path, { token })).status).toBe(404);
      expect((await call("PATCH", path, { token, body: { title: "x" } })).status).toBe(404);
      expect((await call("DELETE", path, { token })).status).toBe(404);
      expect((await call("GET", `${path}/export`, { token })).status).toBe(404);
      const append = await call("POST", `${path}/messages`, {
        token,
        body: { parentId: null, role: "user", text: "x" },
      });
      expect(append.status).toBe(404);
      expect((await call("GET", `${base()}?q=private`, { token })).json.items).toEqual([]);
    }
    expect((await call("GET", base(), { token: viewer })).status).toBe(403);
    expect((await call("GET", base(), { token: gw.key })).status).toBe(403);
    const other = await gw.store.tenants.create({ name: "Other" });
    const stranger = await user("stranger@other.test", "owner", other.id);
    expect((await call("GET", path, { token: stranger.token })).status).toBe(404);
    expect((await call("GET", path, { token: member.token })).json.conversation.title).toBe("Private");
  }, 60_000);

  it("answers clear 4xx for sizes and references", async () => {
    const t = member.token;
    const long = await call("POST", base(), { token: t, body: { title: "x".repeat(201), model: "m" } });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.json)).toContain("title");
    const c = await call("POST", base(), { token: t, body: { model: "m" } });
    expect(c.json.title).toBe("New chat");
    const path = `${base()}/${c.json.id}`;
    // 600,000 two-byte characters: under the body limit in characters, over 1 MiB of text in UTF-8.
    const big = await call("POST", `${path}/messages`, {
      token: t,
      body: { parentId: null, role: "user", text: "é".repeat(600_000) },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toBeTruthy();
    const badParent = await call("POST", `${path}/messages`, {
      token: t,
      body: { parentId: "msg_00000000000000000000", role: "user", text: "hi" },
    });
    expect(badParent.status).toBe(404);
    const badLeaf = await call("PATCH", path, {
      token: t,
      body: { activeLeafId: "msg_00000000000000000000" },
    });
    expect(badLeaf.status).toBe(404);
    const badRole = await call("POST", `${path}/messages`, {
      token: t,
      body: { parentId: null, role: "tool", text: "x" },
    });
    expect(badRole.status).toBe(400);
    expect((await call("GET", `${base()}?cursor=nonsense!`, { token: t })).status).toBe(400);
  }, 60_000);
});
