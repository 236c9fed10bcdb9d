import { createServer } from "node:net";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey } from "../auth/issue-api-key.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

let fake: FakeServer;
let gw: TestGateway;
let deadPort: number;

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  deadPort = await freePort();
  gw = await startTestGateway({
    // Retries off: these tests check how one upstream failure is rendered (resilience.e2e covers retries).
    retryPolicy: { maxAttempts: 1 },
    bodyLimit: 64 * 1024,
    timeouts: { firstByteMs: 400, idleMs: 400 },
    providers: [
      { name: "fake", baseUrl: fake.url, apiKey: "sk-provider", models: ["m"] },
      {
        name: "down",
        baseUrl: `http://127.0.0.1:${deadPort}/v1`,
        apiKey: "sk-down-secret",
        models: ["down-model"],
      },
    ],
  });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}`, ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: JSON.parse(text) as { error: { message: string; type: string; code: string } },
  };
}

const chat = (model = "m", extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: "user", content: "Hi" }], ...extra });

describe("OpenAI surface errors, in OpenAI's error shape", () => {
  it("malformed JSON → 400 invalid_json", async () => {
    const r = await post("{not json");
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
  });

  it.each([
    ["an empty body", ""],
    ["an array", "[]"],
    ["a missing model", JSON.stringify({ messages: [{ role: "user", content: "x" }] })],
    ["a numeric model", JSON.stringify({ model: 3, messages: [{ role: "user", content: "x" }] })],
    ["no messages", JSON.stringify({ model: "m" })],
    ["a string stream flag", chat("m", { stream: "yes" })],
  ])("%s → 400", async (_name, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe("invalid_request_error");
  });

  it("missing key → 401", async () => {
    const r = await post(chat(), { authorization: "" });
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ type: "authentication_error", code: "missing_api_key" });
  });

  it("malformed, unknown, revoked and expired keys → 401, before any upstream call", async () => {
    fake.requests.length = 0;
    const unknown = (
      await issueApiKey(gw.store, { tenantId: gw.tenant.id, workspaceId: gw.workspace.id, name: "x" })
    ).secret;
    // A well-formed key that was never issued: flip its body but keep the checksum valid by reissuing.
    const revoked = await issueApiKey(gw.store, {
      tenantId: gw.tenant.id,
      workspaceId: gw.workspace.id,
      name: "r",
    });
    await gw.store.apiKeys.revoke(gw.tenant.id, revoked.apiKey.id);
    const expired = await issueApiKey(gw.store, {
      tenantId: gw.tenant.id,
      workspaceId: gw.workspace.id,
      name: "e",
      expiresAt: Date.now() - 1,
    });
    await gw.app.refresh();
    expect((await post(chat(), { authorization: "Bearer sk-not-ours" })).json.error.code).toBe(
      "invalid_api_key",
    );
    expect((await post(chat(), { authorization: `Bearer ${unknown.slice(0, -1)}x` })).json.error.code).toBe(
      "invalid_api_key",
    );
    const r = await post(chat(), { authorization: `Bearer ${revoked.secret}` });
    expect([r.status, r.json.error.code]).toEqual([401, "revoked_api_key"]);
    const e = await post(chat(), { authorization: `Bearer ${expired.secret}` });
    expect([e.status, e.json.error.code]).toEqual([401, "expired_api_key"]);
    expect(fake.requests).toHaveLength(0);
  });

  it("a key revoked while cached is refused after the next refresh", async () => {
    const k = await issueApiKey(gw.store, {
      tenantId: gw.tenant.id,
      workspaceId: gw.workspace.id,
      name: "later",
    });
    expect((await post(chat(), { authorization: `Bearer ${k.secret}` })).status).toBe(200);
    await gw.store.apiKeys.revoke(gw.tenant.id, k.apiKey.id);
    await gw.app.refresh();
    expect((await post(chat(), { authorization: `Bearer ${k.secret}` })).status).toBe(401);
  });

  it("unknown model → 404 model_not_found", async () => {
    const r = await post(chat("no-such-model"));
    expect(r.status).toBe(404);
    expect(r.json.error).toMatchObject({ type: "not_found_error", code: "model_not_found" });
    expect(r.json.error.message).toContain("no-such-model");
  });

  it("body over the limit → 413", async () => {
    const r = await post(chat("m", { pad: "x".repeat(70 * 1024) }));
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe("payload_too_large");
  });

  it("upstream unreachable → 502 naming the provider, never its key or URL", async () => {
    const r = await post(chat("down-model"));
    expect(r.status).toBe(502);
    expect(r.json.error.code).toBe("upstream_unreachable");
    expect(r.json.error.message).toContain("'down'");
    expect(r.text).not.toContain("sk-down-secret");
    expect(r.text).not.toContain(String(deadPort));
  });

  it("upstream timeout → 504", async () => {
    fake.setMode("hang", 1);
    const started = Date.now();
    const r = await post(chat());
    expect(r.status).toBe(504);
    expect(r.json.error.code).toBe("upstream_timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("upstream 429 → 429 with Retry-After; upstream 500 → 502; provider 401 → 502, not 401", async () => {
    fake.setMode("error-429", 1);
    const limited = await post(chat());
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.json.error.code).toBe("upstream_rate_limited");
    fake.setMode("error-500", 1);
    expect((await post(chat())).status).toBe(502);
    fake.setMode("error-401", 1);
    const auth = await post(chat());
    expect(auth.status).toBe(502);
    expect(auth.json.error.code).toBe("upstream_error");
  });

  it("unknown routes answer 404 in the same shape", async () => {
    const res = await fetch(`${gw.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("no input makes the server answer 5xx from its own code", async () => {
    const bodies = [
      "null",
      "1",
      '"x"',
      "{}",
      '{"model":""}',
      '{"model":"m","messages":[]}',
      '{"model":"m","messages":"x"}',
      '{"model":"m","messages":[1],"stream_options":3}',
      "\u0000",
    ];
    for (const b of bodies) {
      const r = await post(b);
      expect(r.status, b).toBeGreaterThanOrEqual(400);
      expect(r.status, b).toBeLessThan(500);
    }
  });
});
