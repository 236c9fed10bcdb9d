import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/** Prompt capture (issue 12): off by default, turned on per tenant, stored encrypted, read with prompts:read. */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const SECRET_PROMPT = "the launch code is capture-plaintext-7731";
let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let viewer: string;
/** Every request whose capture a test saw stored. */
const capturedIds: string[] = [];

const signIn = async (email: string, role: "owner" | "viewer") => {
  await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  return (await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } })).json.accessToken;
};

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gw = await startTestGateway({
    passwordHasher: hasher,
    providers: [{ name: "primary", baseUrl: fake.url, apiKey: "sk-primary", models: ["chat"] }],
  });
  call = apiClient(gw.url);
  owner = await signIn("owner@acme.test", "owner");
  viewer = await signIn("viewer@acme.test", "viewer");
}, 60_000);
afterAll(async () => {
  await gw.close();
  await fake.close();
});

const settingsPath = () => `/api/tenants/${gw.tenant.id}/capture`;
const capturePath = (id: string) => `/api/tenants/${gw.tenant.id}/usage/logs/${id}/capture`;

async function chat(stream: boolean): Promise<{ id: string; text: string }> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${gw.key}`,
      "content-type": "application/json",
      "x-secret-header": "never-stored-HEADERzz",
    },
    body: JSON.stringify({ model: "chat", stream, messages: [{ role: "user", content: SECRET_PROMPT }] }),
  });
  expect(res.status).toBe(200);
  return { id: res.headers.get("x-gatehouse-request-id")!, text: await res.text() };
}

/** The capture, once written (it is stored after the answer, off the client's path). */
async function captured(id: string) {
  await expect
    .poll(async () => (await call("GET", capturePath(id), { token: owner })).status, { timeout: 10_000 })
    .toBe(200);
  capturedIds.push(id);
  return (await call("GET", capturePath(id), { token: owner })).json;
}

describe("prompt capture", () => {
  it("is off by default: nothing is stored", async () => {
    expect((await call("GET", settingsPath(), { token: owner })).json).toEqual({
      enabled: false,
      maxBytes: 65_536,
    });
    const { id } = await chat(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await gw.store.forTenant(gw.tenant.id).captures.get(id)).toBeUndefined();
    expect((await call("GET", capturePath(id), { token: owner })).status).toBe(404);
  });

  it("only tenant:update turns it on; the change is audited", async () => {
    expect((await call("PATCH", settingsPath(), { token: viewer, body: { enabled: true } })).status).toBe(
      403,
    );
    const bad = await call("PATCH", settingsPath(), { token: owner, body: { maxBytes: 10 } });
    expect(bad.status).toBe(400);
    const on = await call("PATCH", settingsPath(), { token: owner, body: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.json).toEqual({ enabled: true, maxBytes: 65_536 });
    const audit = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 50, order: "asc" });
    const change = audit.items.find((e) => e.action === "capture.update");
    expect(change?.after).toEqual({ enabled: true, maxBytes: 65_536 });
  });

  it("stores a non-streamed request and its answer, encrypted at rest, headers never", async () => {
    const { id, text } = await chat(false);
    const capture = await captured(id);
    expect(JSON.parse(capture.request.text).messages[0].content).toBe(SECRET_PROMPT);
    expect(capture.response.text).toBe(text);
    expect(capture).toMatchObject({ requestId: id, workspaceId: gw.workspace.id, stream: false });
    expect(capture.request.truncated).toBe(false);
    const row = await gw.store.forTenant(gw.tenant.id).captures.get(id);
    expect(row!.requestBody).not.toContain("capture-plaintext");
    expect(row!.requestBody.startsWith("env1.")).toBe(true);
    expect(row!.responseBody).not.toContain(JSON.parse(text).choices[0].message.content);
    expect(JSON.stringify(row)).not.toContain("never-stored-HEADERzz");
    expect(JSON.stringify(capture)).not.toContain("never-stored-HEADERzz");
  });

  it("stores a streamed answer as the bytes the client got", async () => {
    const { id, text } = await chat(true);
    const capture = await captured(id);
    expect(capture.stream).toBe(true);
    expect(capture.response.text).toBe(text);
    expect(capture.response.text).toContain("data: [DONE]");
  });

  it("cuts bodies beyond the bound and flags them", async () => {
    await call("PATCH", settingsPath(), { token: owner, body: { maxBytes: 1024 } });
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "chat", messages: [{ role: "user", content: "x".repeat(5000) }] }),
    });
    const id = res.headers.get("x-gatehouse-request-id")!;
    await res.text();
    const capture = await captured(id);
    expect(capture.request).toMatchObject({ truncated: true });
    expect(capture.request.bytes).toBeGreaterThan(5000);
    expect(Buffer.byteLength(capture.request.text)).toBeLessThanOrEqual(1024 + 3);
    await call("PATCH", settingsPath(), { token: owner, body: { maxBytes: 65_536 } });
  });

  it("a capture that cannot be stored is logged and never fails the request", async () => {
    const captures = gw.store.captures;
    const insert = captures.insert;
    captures.insert = async () => {
      throw new Error("disk full");
    };
    try {
      const { id } = await chat(false);
      await expect
        .poll(() => gw.logs.some((l) => l.includes("prompt capture not stored") && l.includes(id)), {
          timeout: 5_000,
        })
        .toBe(true);
      expect(await gw.store.forTenant(gw.tenant.id).captures.get(id)).toBeUndefined();
    } finally {
      captures.insert = insert;
    }
  });

  it("answers 404 to who lacks prompts:read there, and across tenants", async () => {
    const { id } = await chat(false);
    await captured(id);
    // The viewer reads the log (usage:read) but not prompts.
    expect(
      (await call("GET", `/api/tenants/${gw.tenant.id}/usage/logs/${id}`, { token: viewer })).status,
    ).toBe(200);
    expect((await call("GET", capturePath(id), { token: viewer })).status).toBe(404);
    const other = await gw.store.tenants.create({ name: "Other" });
    const cross = await call("GET", `/api/tenants/${other.id}/usage/logs/${id}/capture`, { token: owner });
    expect(cross.status).toBe(404);
  });

  it("turned off, stores nothing more; retention deletes captures with raw records", async () => {
    await call("PATCH", settingsPath(), { token: owner, body: { enabled: false } });
    const { id: offId } = await chat(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await gw.store.forTenant(gw.tenant.id).captures.get(offId)).toBeUndefined();

    const repo = gw.store.forTenant(gw.tenant.id).captures;
    expect(capturedIds.length).toBeGreaterThan(3);
    expect(await repo.get(capturedIds[0]!)).toBeDefined();
    // Nothing is past the default 90 days yet; from 91 days on, every capture is.
    await gw.store.usageMaintenance.applyRetention(Date.now());
    expect(await repo.get(capturedIds[0]!)).toBeDefined();
    const report = await gw.store.usageMaintenance.applyRetention(Date.now() + 91 * 86_400_000);
    expect(report.deleted.raw).toBeGreaterThan(0);
    const rows = await Promise.all(capturedIds.map((x) => repo.get(x)));
    expect(rows.every((r) => r === undefined)).toBe(true);
  });
});
