import type { lookup as dnsLookup, LookupAddress } from "node:dns";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { parsePrivateUpstreamAllowList } from "../../security/private-upstream-allow-list.js";
import { ssrfGuard } from "../../security/ssrf-guard.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Providers registered by a tenant through the API, end to end: the real server on 127.0.0.1, a fake
 * OpenAI upstream that checks the key, the tenant dispatcher refusing private addresses at connect time
 * (the fake is allow-listed by host:port, as an operator would), and the credential never shown.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const GOOD_KEY = "sk-tenant-GOODabcdefghijklmnop9876";
const WRONG_KEY = "sk-tenant-WRONGqrstuvwxyz01234567";

let fake: FakeServer;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
const answers: string[] = [];

/** Resolves `rebind.test` to loopback: a name that passes the create-time check but not the connect-time one. */
const lookup = ((hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
  if (hostname !== "rebind.test") return cb(Object.assign(new Error("not found"), { code: "ENOTFOUND" }));
  const all: LookupAddress[] = [{ address: "127.0.0.1", family: 4 }];
  if (options.all) cb(null, all);
  else cb(null, "127.0.0.1", 4);
}) as unknown as typeof dnsLookup;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: GOOD_KEY });
  const allowList = parsePrivateUpstreamAllowList(`127.0.0.1:${fake.port}`);
  gw = await startTestGateway({
    passwordHasher: hasher,
    allowedPrivateUpstreams: allowList,
    tenantUpstream: new Agent({ connect: ssrfGuard({ allowList, lookup, connect: { timeout: 2_000 } }) }),
  });
  const api = apiClient(gw.url);
  call = async (...args: Parameters<typeof api>) => {
    const res = await api(...args);
    answers.push(res.text);
    return res;
  };
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
  await fake.close();
});

async function chat(model: string) {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  const text = await res.text();
  answers.push(text);
  return { status: res.status, text };
}

describe("providers of a tenant, end to end", () => {
  const base = () => `/api/tenants/${gw.tenant.id}/providers`;

  it("creates a provider with a key (only its last four answered), tests it, routes chat through it", async () => {
    const created = await call("POST", base(), {
      token: owner,
      body: { name: "byok", kind: "openai", baseUrl: fake.url, apiKey: GOOD_KEY, models: ["gpt-4o"] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "byok", origin: "tenant", credentialLastFour: "…9876" });
    const stored = await gw.store.providers.get(gw.tenant.id, created.json.id);
    expect(stored?.credentials?.ciphertext.startsWith("env1.")).toBe(true);
    expect(stored?.credentials?.ciphertext).not.toContain(GOOD_KEY);

    const test = await call("POST", `${base()}/${created.json.id}/test`, { token: owner });
    expect(test.status).toBe(200);
    expect(test.json).toMatchObject({ ok: true, status: 200, message: "Connected." });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models" });

    await gw.app.refresh();
    const reply = await chat("gpt-4o");
    expect(reply.status).toBe(200);
    expect(fake.requests.at(-1)?.path).toBe("/v1/chat/completions");
  });

  it("a wrong key: the test answers ok false with the upstream's status and its message, redacted", async () => {
    const created = await call("POST", base(), {
      token: owner,
      body: { name: "wrong", kind: "openai", baseUrl: fake.url, apiKey: WRONG_KEY },
    });
    const test = await call("POST", `${base()}/${created.json.id}/test`, { token: owner });
    expect(test.json.ok).toBe(false);
    expect(test.json.status).toBe(401);
    expect(test.json.message).toMatch(/Incorrect API key/);
    expect(test.json.message).not.toContain("sk-");

    // Replacing the key fixes it; the hint follows; the revision moves.
    const revision = await gw.store.revision();
    const fixed = await call("PATCH", `${base()}/${created.json.id}`, {
      token: owner,
      body: { apiKey: GOOD_KEY },
    });
    expect(fixed.json.credentialLastFour).toBe("…9876");
    expect(await gw.store.revision()).toBeGreaterThan(revision);
    expect((await call("POST", `${base()}/${created.json.id}/test`, { token: owner })).json.ok).toBe(true);
  });

  it("refuses a literal private address with a 400, and a private name at connect time", async () => {
    for (const baseUrl of ["http://10.1.2.3:8000/v1", "http://127.0.0.1:1/v1", "http://0x7f.0.0.1:8080/v1"]) {
      const refused = await call("POST", base(), {
        token: owner,
        body: { name: "internal", kind: "openai", baseUrl, apiKey: GOOD_KEY },
      });
      expect(refused.status, baseUrl).toBe(400);
      expect(refused.json.error.message).toMatch(/GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS/);
    }
    const sneaky = await call("POST", base(), {
      token: owner,
      body: {
        name: "rebind",
        kind: "openai",
        baseUrl: `http://rebind.test:${fake.port}/v1`,
        apiKey: GOOD_KEY,
        models: ["sneaky"],
      },
    });
    expect(sneaky.status).toBe(201);
    const before = fake.requests.length;
    const test = await call("POST", `${base()}/${sneaky.json.id}/test`, { token: owner });
    expect(test.json).toMatchObject({ ok: false, status: null });
    expect(test.json.message).toMatch(/loopback/);
    await gw.app.refresh();
    expect((await chat("sneaky")).status).toBeGreaterThanOrEqual(500);
    expect(fake.requests.length).toBe(before);
    // Moving it to a literal private address is refused like creating it there.
    const moved = await call("PATCH", `${base()}/${sneaky.json.id}`, {
      token: owner,
      body: { baseUrl: "http://192.168.1.10/v1" },
    });
    expect(moved.status).toBe(400);
  });

  it("lists with a cursor, reads, deletes (404 after, and from another tenant), with field-level 400s", async () => {
    const page = await call("GET", `${base()}?limit=2&order=asc`, { token: owner });
    expect(page.json.items).toHaveLength(2);
    expect(page.json.nextCursor).toEqual(expect.any(String));
    const rest = await call("GET", `${base()}?limit=2&order=asc&cursor=${page.json.nextCursor}`, {
      token: owner,
    });
    expect(rest.json.items.length).toBeGreaterThan(0);
    const bad = await call("POST", base(), { token: owner, body: { name: "bad name!", kind: "nope" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["body.name", "body.kind"]),
    );
    const victim = page.json.items[0].id;
    const other = await gw.store.tenants.create({ name: "Other" });
    expect((await call("GET", `/api/tenants/${other.id}/providers/${victim}`, { token: owner })).status).toBe(
      404,
    );
    expect((await call("DELETE", `${base()}/${victim}`, { token: owner })).status).toBe(204);
    expect((await call("GET", `${base()}/${victim}`, { token: owner })).status).toBe(404);
  });

  it("never shows a credential: not in any answer, log line or audit entry", async () => {
    const audit = await call("GET", `/api/tenants/${gw.tenant.id}/audit?limit=200`, { token: owner });
    const actions = audit.json.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["providers.create", "providers.update", "providers.delete"]),
    );
    const rows = await gw.store.forTenant(gw.tenant.id).audit.list({ limit: 200, order: "asc" });
    const everything = [...answers, ...gw.logs, JSON.stringify(rows)].join("\n");
    for (const secret of [GOOD_KEY, WRONG_KEY, GOOD_KEY.slice(0, 12), WRONG_KEY.slice(-10)]) {
      expect(everything).not.toContain(secret);
    }
  });
});
