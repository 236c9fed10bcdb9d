import { type FakeServer, fakeEmbedding } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logging/create-logger.js";
import { GroupCommitUsageRecorder } from "../../metering/group-commit-usage-recorder.js";
import { MemoryBreakerStore } from "../../resilience/memory-breaker-store.js";
import { createStore } from "../../store/create-store.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider, startFake, usageOf } from "../routing/routing-fixture.js";
import { CountingUsageRecorder } from "./counting-usage-recorder.js";
import { geminiEmbedRequest } from "./embeddings-drivers.js";
import { withKey } from "./pipeline-driver.js";
import { type RawAnswer, type RawRequest, rawCall } from "./raw-call.js";
import { expectErrorShape } from "./surface-error-shapes.js";

// Embeddings go through the one forwarder: fallbacks, breakers and deadlines as chat has them, and a
// request over an upstream's inputs-per-call limit split into calls pinned to one deployment.
const FIRST_BYTE_MS = 400;
let gw: TestGateway;
let recorder: CountingUsageRecorder;
const f: Record<string, FakeServer> = {};

beforeAll(async () => {
  for (const name of ["primary", "backup", "hung"]) f[name] = await startFake("openai");
  for (const name of ["gPrimary", "gBackup", "gLeft", "gRight"]) f[name] = await startFake("gemini");
  f.claude = await startFake("anthropic");
  const store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  recorder = new CountingUsageRecorder(new GroupCommitUsageRecorder(store, createLogger("silent")));
  gw = await startTestGateway({
    store,
    usageRecorder: recorder,
    timeouts: { firstByteMs: FIRST_BYTE_MS },
    retryPolicy: { backoff: { baseMs: 1, maxMs: 5 } },
    // Fallbacks spend the retry budget; its floor (10 per 10 s) must not be what these tests measure.
    retryBudget: { minPerWindow: 1_000 },
    breakerStore: new MemoryBreakerStore({ coolDownMs: 60_000 }),
  });
  const kinds: Record<string, "openai" | "gemini" | "anthropic"> = { claude: "anthropic" };
  for (const [name, fake] of Object.entries(f))
    await addProvider(gw, name, kinds[name] ?? (name.startsWith("g") ? "gemini" : "openai"), fake);
  await addModel(gw, "emb-fb", [{ provider: "primary" }, { provider: "backup", priority: 1 }]);
  await addModel(gw, "emb-hung", [{ provider: "hung" }, { provider: "backup", priority: 1 }]);
  await addModel(gw, "emb-breaker", [
    { provider: "primary", upstreamModel: "b" },
    { provider: "backup", priority: 1 },
  ]);
  await addModel(gw, "gem-fb", [{ provider: "gPrimary" }, { provider: "gBackup", priority: 1 }]);
  await addModel(gw, "gem-pair", [{ provider: "gLeft" }, { provider: "gRight" }]);
  await addModel(gw, "claude-emb", [{ provider: "claude" }]);
});
afterAll(async () => {
  await gw?.close();
  for (const fake of Object.values(f)) await fake.close();
});

const JSON_TYPE = { "content-type": "application/json" };
const openaiEmbed = (model: string, input: string[]): RawRequest => ({
  method: "POST",
  path: "/v1/embeddings",
  query: {},
  headers: JSON_TYPE,
  body: JSON.stringify({ model, input }),
});
const geminiBatch = (model: string, input: string[]): RawRequest => ({
  method: "POST",
  path: `/v1beta/models/${model}:batchEmbedContents`,
  query: {},
  headers: JSON_TYPE,
  body: JSON.stringify({ requests: input.map((t) => geminiEmbedRequest(model, t)) }),
});
const geminiEmbedContent = (model: string, input: string[]): RawRequest => ({
  method: "POST",
  path: `/v1beta/models/${model}:embedContent`,
  query: {},
  headers: JSON_TYPE,
  body: JSON.stringify({ content: { parts: input.map((text) => ({ text })) } }),
});
const call = (r: RawRequest) => rawCall(gw.url, withKey(r, "bearer", gw.key));

/** The vectors of an answer in either shape, in order. */
function vectorsOf(a: RawAnswer): number[][] {
  const json = JSON.parse(a.body) as {
    data?: Array<{ embedding: number[] }>;
    embeddings?: Array<{ values: number[] }>;
    embedding?: { values: number[] };
  };
  return (
    json.data?.map((d) => d.embedding) ?? json.embeddings?.map((e) => e.values) ?? [json.embedding!.values]
  );
}

const expected = (inputs: string[]) => inputs.map((t) => fakeEmbedding(t, 8));
const WORDS = ["alpha", "bravo"];

describe("a failing deployment: the model's next deployment serves", () => {
  it.each([
    ["OpenAI embeddings → OpenAI (passthrough)", () => openaiEmbed("emb-fb", WORDS), "primary", "backup"],
    [
      "Gemini embedContent → OpenAI (converted)",
      () => geminiEmbedContent("emb-fb", ["alpha bravo"]),
      "primary",
      "backup",
    ],
    [
      "Gemini batchEmbedContents → Gemini (passthrough)",
      () => geminiBatch("gem-fb", WORDS),
      "gPrimary",
      "gBackup",
    ],
    ["OpenAI embeddings → Gemini (converted)", () => openaiEmbed("gem-fb", WORDS), "gPrimary", "gBackup"],
  ])("%s: a 500, then the second deployment", async (_name, request, first, second) => {
    f[first]!.setMode("error-500", 1);
    const before = [f[first]!.requests.length, f[second]!.requests.length];
    const a = await call(request());
    expect(a.status, a.body).toBe(200);
    expect(a.headers["x-gatehouse-provider"]).toBe(second);
    expect(a.headers["x-gatehouse-attempts"]).toBe("2");
    const inputs = request().path.endsWith(":embedContent") ? ["alpha bravo"] : WORDS;
    expect(vectorsOf(a)).toEqual(expected(inputs));
    expect([f[first]!.requests.length - before[0]!, f[second]!.requests.length - before[1]!]).toEqual([1, 1]);
    const rec = await usageOf(gw, a.requestId);
    expect(rec).toMatchObject({ status: "success", httpStatus: 200 });
    expect(
      (rec.attempts as Array<{ provider: string; status: number }>).map((t) => [t.provider, t.status]),
    ).toEqual([
      [first, 500],
      [second, 200],
    ]);
  });

  it("a deployment silent past the first-byte timeout: the second deployment serves within the timeout plus a margin", async () => {
    f.hung!.setMode("hang", 1);
    const started = Date.now();
    const a = await call(openaiEmbed("emb-hung", WORDS));
    expect(a.status, a.body).toBe(200);
    expect(a.headers["x-gatehouse-provider"]).toBe("backup");
    expect(Date.now() - started).toBeGreaterThanOrEqual(FIRST_BYTE_MS - 50);
    // undici runs its header timeout on ~0.5 s "fast timers": a 400 ms timeout fires within ~1.1 s.
    expect(Date.now() - started).toBeLessThan(FIRST_BYTE_MS + 1_600);
  });

  it("a deployment that keeps failing is skipped once its breaker opens (5 failures)", async () => {
    f.primary!.setMode("error-500");
    try {
      const before = f.primary!.requests.length;
      for (let i = 0; i < 8; i++) {
        const a = await call(
          i % 2 === 0 ? openaiEmbed("emb-breaker", WORDS) : geminiEmbedContent("emb-breaker", ["x"]),
        );
        expect(a.status, a.body).toBe(200);
        expect(a.headers["x-gatehouse-provider"]).toBe("backup");
      }
      expect(f.primary!.requests.length - before).toBe(5);
    } finally {
      f.primary!.setMode("ok");
    }
  });
});

describe("a request over the upstream's inputs per call (Gemini: 100)", () => {
  const inputs = Array.from({ length: 250 }, (_, i) => `input number ${i}`);

  it.each([
    ["Gemini batchEmbedContents", () => geminiBatch("gem-pair", inputs)],
    ["OpenAI embeddings", () => openaiEmbed("gem-pair", inputs)],
  ])("%s of 250 inputs: 100/100/50 calls to one deployment, 250 vectors in order", async (_name, request) => {
    for (let round = 0; round < 3; round++) {
      f.gLeft!.requests.length = 0;
      f.gRight!.requests.length = 0;
      const a = await call(request());
      expect(a.status, a.body.slice(0, 500)).toBe(200);
      expect(vectorsOf(a)).toEqual(expected(inputs));
      const sent = [...f.gLeft!.requests, ...f.gRight!.requests];
      const served = f.gLeft!.requests.length > 0 ? f.gLeft! : f.gRight!;
      expect(served.requests).toHaveLength(3); // all three calls to the deployment that took the first
      expect(sent).toHaveLength(3);
      expect(sent.map((r) => r.path)).toEqual(Array(3).fill("/v1beta/models/up-gem-pair:batchEmbedContents"));
      expect(sent.map((r) => (r.json as { requests: unknown[] }).requests.length)).toEqual([100, 100, 50]);
      const texts = sent.flatMap((r) =>
        (r.json as { requests: Array<{ content: { parts: Array<{ text: string }> } }> }).requests.map(
          (q) => q.content.parts[0]!.text,
        ),
      );
      expect(texts).toEqual(inputs);
      const rec = await usageOf(gw, a.requestId);
      expect(rec).toMatchObject({
        status: "success",
        httpStatus: 200,
        model: "gem-pair",
        usageEstimated: true,
      });
      expect(rec.inputTokens).toBeGreaterThan(0);
      expect(gw.logs.filter((l) => l.includes(`"reqId":"${a.requestId}"`))).toHaveLength(1);
      expect(recorder.begins.get(a.requestId)).toBe(1); // one pending record, begun before the first call
    }
  });
});

describe("a model whose deployments have no embeddings API (Anthropic)", () => {
  it.each([
    ["openai", () => openaiEmbed("claude-emb", WORDS)],
    ["gemini", () => geminiEmbedContent("claude-emb", WORDS)],
    ["gemini", () => geminiBatch("claude-emb", WORDS)],
  ] as const)("%s surface → 400 in its shape, nothing sent, nothing recorded", async (surface, request) => {
    const before = f.claude!.requests.length;
    const a = await call(request());
    expect(a.status).toBe(400);
    expectErrorShape(surface, JSON.parse(a.body), 400, "invalid_request");
    expect(a.body).toMatch(/no embeddings API/);
    expect(f.claude!.requests.length).toBe(before);
    await gw.app.runtime.usage.flush();
    expect(await gw.store.usage.get(gw.tenant.id, a.requestId)).toBeUndefined();
  });
});
