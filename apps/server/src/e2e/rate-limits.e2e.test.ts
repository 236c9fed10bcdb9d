import Anthropic from "@anthropic-ai/sdk";
import type { FakeServer } from "@gatehouse/test-support";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RateLimitInput } from "../store/rate-limits/rate-limit-types.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "./routing/routing-fixture.js";
import { chat } from "./routing/surface-client.js";

// Rate limits through the real server and the official SDKs of the three surfaces: the answers' headers,
// a refusal as each protocol's 429 with retry-after, and no upstream call for a refused request. The
// gateway's clock is the test's, so windows are crossed without waiting.
const T0 = Date.UTC(2026, 0, 1);

describe("rate limits end to end", () => {
  let gw: TestGateway;
  let upstream: FakeServer;
  let t = T0;
  const limits: string[] = [];

  const limit = async (input: Omit<RateLimitInput, "scopeKind" | "scopeId"> & Partial<RateLimitInput>) => {
    const rule = await gw.store.forTenant(gw.tenant.id).rateLimits.create({
      scopeKind: "workspace",
      scopeId: gw.workspace.id,
      ...input,
    });
    limits.push(rule.id);
    await gw.app.refresh();
    return rule;
  };

  beforeAll(async () => {
    upstream = await startFake("openai");
    gw = await startTestGateway({ now: () => t });
    await addProvider(gw, "up", "openai", upstream);
    await addModel(gw, "limited", [{ provider: "up" }]);
    await addModel(gw, "free", [{ provider: "up" }]);
  });
  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });
  beforeEach(async () => {
    for (const id of limits.splice(0)) await gw.store.forTenant(gw.tenant.id).rateLimits.remove(id);
    await gw.app.refresh();
    t += 120_000; // every window of the previous test has passed
    upstream.setMode("ok");
  });

  it("OpenAI SDK: x-ratelimit-* on each answer, then a 429 with retry-after and no upstream call", async () => {
    await limit({ model: "limited", rpm: 2 });
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ask = () =>
      client.chat.completions.create({ model: "limited", messages: [{ role: "user", content: "hi" }] });
    const first = await ask().withResponse();
    expect(first.response.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.response.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.response.headers.get("x-ratelimit-reset-requests")).toBe("1m0s");
    t += 15_000;
    const second = await ask().withResponse();
    expect(second.response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const calls = upstream.requests.length;
    t += 10_000;
    const err = await ask().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const refused = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(refused.status).toBe(429);
    expect(refused.code).toBe("rate_limited");
    expect(refused.headers.get("retry-after")).toBe("35"); // the first request leaves at T+60 s
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(refused.headers.get("x-ratelimit-reset-requests")).toBe("50s");
    expect(upstream.requests.length).toBe(calls);
    // Another model is not under this limit.
    await client.chat.completions.create({ model: "free", messages: [{ role: "user", content: "hi" }] });
    t += 35_000;
    expect((await ask().withResponse()).response.headers.get("x-ratelimit-remaining-requests")).toBe("0");
  });

  it("Anthropic SDK: anthropic-ratelimit-* (RFC 3339) and a rate_limit_error 429", async () => {
    await limit({ rpm: 1, tpm: 100_000 });
    const client = new Anthropic({ apiKey: gw.key, baseURL: gw.url, maxRetries: 0 });
    const ask = () =>
      client.messages.create({
        model: "limited",
        max_tokens: 100,
        messages: [{ role: "user", content: "hi" }],
      });
    const ok = await ask().withResponse();
    const h = ok.response.headers;
    expect(h.get("anthropic-ratelimit-requests-limit")).toBe("1");
    expect(h.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(h.get("anthropic-ratelimit-requests-reset")).toBe(
      new Date(t + 60_000).toISOString().replace(".000Z", "Z"),
    );
    expect(h.get("anthropic-ratelimit-tokens-limit")).toBe("100000");
    expect(Number(h.get("anthropic-ratelimit-tokens-remaining"))).toBeLessThan(100_000 - 100);
    expect(h.get("anthropic-ratelimit-input-tokens-limit")).toBe("100000");
    const calls = upstream.requests.length;
    const err = await ask().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const refused = err as InstanceType<typeof Anthropic.RateLimitError>;
    expect(refused.headers?.get("retry-after")).toBe("60");
    expect((refused.error as { error: { type: string } }).error.type).toBe("rate_limit_error");
    expect(upstream.requests.length).toBe(calls);
  });

  it("Gemini SDK: a RESOURCE_EXHAUSTED 429 carrying google.rpc.RetryInfo", async () => {
    await limit({ rpm: 1 });
    const client = new GoogleGenAI({ apiKey: gw.key, httpOptions: { baseUrl: gw.url } });
    const ask = () => client.models.generateContent({ model: "limited", contents: "hi" });
    const ok = await ask();
    expect(ok.sdkHttpResponse?.headers?.["x-ratelimit-remaining-requests"]).toBe("0");
    const calls = upstream.requests.length;
    const err = (await ask().catch((e: unknown) => e)) as { status?: number; message: string };
    expect(err.status).toBe(429);
    expect(err.message).toContain("RESOURCE_EXHAUSTED");
    expect(err.message).toContain("google.rpc.RetryInfo");
    expect(upstream.requests.length).toBe(calls);
    const raw = await chat(gw, "gemini", "limited");
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(raw.body).error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "60s",
    });
  });

  it("tokens per minute: reserves at admit, counts the tokens really used once settled", async () => {
    await limit({ scopeKind: "key", scopeId: (await keyId(gw)).id, tpm: 2000 });
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const ask = (max: number) =>
      client.chat.completions
        .create({ model: "limited", max_tokens: max, messages: [{ role: "user", content: "hi" }] })
        .withResponse();
    const first = await ask(1500);
    // Reserved: the prompt's estimate plus max_tokens.
    const prompt = 2000 - 1500 - Number(first.response.headers.get("x-ratelimit-remaining-tokens"));
    expect(prompt).toBeGreaterThan(0);
    const used = first.data.usage!.total_tokens;
    expect(used).toBeLessThan(prompt + 1500);
    await new Promise((r) => setTimeout(r, 50)); // the meter step settles after the answer ends
    const second = await ask(100);
    // Settled: the window holds the first request's real use, and this one's reservation.
    expect(Number(second.response.headers.get("x-ratelimit-remaining-tokens"))).toBe(
      2000 - used - (prompt + 100),
    );
    const err = await ask(1990).catch((e: unknown) => e);
    expect((err as { status?: number }).status).toBe(429);
  });

  it("concurrency: a slot is held while a request runs and released when it ends", async () => {
    await limit({ concurrency: 1 });
    upstream.setMode("slow");
    const slow = chat(gw, "openai", "limited");
    await new Promise((r) => setTimeout(r, 100));
    const refused = await chat(gw, "openai", "limited");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(JSON.parse(refused.body).error.message).toContain("concurrent");
    expect((await slow).status).toBe(200);
    upstream.setMode("ok");
    expect((await chat(gw, "openai", "limited")).status).toBe(200);
  });

  it("puts the headers on streamed answers and on errors after admission too", async () => {
    await limit({ rpm: 10 });
    const client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions
      .create({ model: "limited", stream: true, messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.response.headers.get("x-ratelimit-remaining-requests")).toBe("9");
    for await (const _ of stream.data) {
      // drained
    }
    upstream.setMode("error-500");
    const failed = await chat(gw, "openai", "limited");
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.headers.get("x-ratelimit-remaining-requests")).toBe("8");
  });

  it("OpenAI SDK with retries: waits the retry-after of a concurrency refusal, then succeeds", async () => {
    await limit({ concurrency: 1 });
    upstream.setMode("slow"); // the fake waits 1 s before its answer
    const retrying = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 2 });
    const first = chat(gw, "openai", "limited");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const calls = upstream.requests.length;
    const second = await retrying.chat.completions
      .create({ model: "limited", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(second.response.status).toBe(200);
    expect((await first).status).toBe(200);
    // Refused (retry-after: 1), retried after about a second, when the first request had ended.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(upstream.requests.length - calls).toBe(1);
  });

  it("a request under no limit carries no rate-limit headers", async () => {
    const res = await chat(gw, "openai", "free");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-limit-requests")).toBeNull();
  });
});

async function keyId(gw: TestGateway) {
  const keys = await gw.store.apiKeys.list(gw.tenant.id);
  return keys[0]!;
}
