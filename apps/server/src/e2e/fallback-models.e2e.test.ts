import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryBreakerStore } from "../resilience/memory-breaker-store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import {
  addModel,
  addProvider,
  type ContextLimitedUpstream,
  startContextLimitedUpstream,
  startFake,
  usageOf,
} from "./routing/routing-fixture.js";
import { answerText, chat, isSurfaceError, SURFACES, type SurfaceName } from "./routing/surface-client.js";

let gw: TestGateway;
let fakes: Record<"down" | "anth" | "oai" | "gem" | "big", FakeServer>;
let small: ContextLimitedUpstream;

/** A model served by each surface's own protocol, for the passthrough checks. */
const NATIVE: Record<SurfaceName, { model: string; fake: () => FakeServer }> = {
  openai: { model: "gpt-fallback", fake: () => fakes.oai },
  anthropic: { model: "claude-fallback", fake: () => fakes.anth },
  gemini: { model: "gemini-fallback", fake: () => fakes.gem },
};

beforeAll(async () => {
  fakes = {
    down: await startFake("openai", { mode: "error-500" }),
    anth: await startFake("anthropic"),
    oai: await startFake("openai"),
    gem: await startFake("gemini"),
    big: await startFake("openai"),
  };
  small = await startContextLimitedUpstream();
  gw = await startTestGateway({
    // One attempt per deployment and breakers that never open: each request walks the whole chain.
    retryPolicy: { maxAttempts: 1 },
    retryBudget: { minPerWindow: 1_000 },
    breakerStore: new MemoryBreakerStore({ consecutiveFailures: 1_000, minRequests: 1_000 }),
  });
  await addProvider(gw, "oai-down", "openai", fakes.down);
  await addProvider(gw, "anth", "anthropic", fakes.anth);
  await addProvider(gw, "oai-up", "openai", fakes.oai);
  await addProvider(gw, "gem-up", "gemini", fakes.gem);
  await addProvider(gw, "oai-big", "openai", fakes.big);
  await addProvider(gw, "ctx-small", "openai", small);
  await addModel(gw, "claude-fallback", [{ provider: "anth" }]);
  await addModel(gw, "gpt-fallback", [{ provider: "oai-up" }]);
  await addModel(gw, "gemini-fallback", [{ provider: "gem-up" }]);
  await addModel(gw, "big", [{ provider: "oai-big" }]);
  await addModel(gw, "primary", [{ provider: "oai-down" }], { fallbackModels: ["claude-fallback"] });
  await addModel(gw, "primary-oai", [{ provider: "oai-down" }], { fallbackModels: ["gpt-fallback"] });
  await addModel(gw, "small", [{ provider: "ctx-small" }], {
    contextFallbackModel: "big",
    fallbackModels: ["claude-fallback"],
  });
  await addModel(gw, "small-only", [{ provider: "ctx-small" }], { fallbackModels: ["gpt-fallback"] });
});
afterAll(async () => {
  await gw?.close();
  for (const f of Object.values(fakes ?? {})) await f.close();
  await small?.close();
});

describe.each(SURFACES)("%s client: fallback models", (surface) => {
  it.each([false, true])(
    "every deployment failing → the fallback model on another protocol serves it (stream: %s)",
    async (stream) => {
      const res = await chat(gw, surface, "primary", { stream });
      expect(res.status).toBe(200);
      expect(res.provider).toBe("anth");
      expect(res.attempts).toBe(2);
      expect(answerText(surface, res)).toContain("fake-anthropic");
      const rec = await usageOf(gw, res.requestId);
      expect(rec.model).toBe("primary");
      expect(rec.status).toBe("success");
      expect(rec.attempts).toMatchObject([
        { model: "primary", provider: "oai-down", status: 500 },
        { model: "claude-fallback", provider: "anth", status: 200 },
      ]);
    },
  );

  it("context window exceeded → the model's context fallback, not its general fallbacks", async () => {
    const before = small.count();
    const anthBefore = fakes.anth.requests.length;
    const res = await chat(gw, surface, "small");
    expect(res.status).toBe(200);
    expect(res.provider).toBe("oai-big");
    expect(small.count()).toBe(before + 1);
    expect(fakes.anth.requests.length).toBe(anthBefore);
    expect((await usageOf(gw, res.requestId)).attempts).toMatchObject([
      { model: "small", status: 400 },
      { model: "big", status: 200 },
    ]);
  });

  it("context window exceeded without a context fallback → the 400, nothing else tried", async () => {
    const before = fakes.oai.requests.length;
    const res = await chat(gw, surface, "small-only");
    expect(res.status).toBe(400);
    expect(isSurfaceError(surface, res.body)).toBe(true);
    expect(fakes.oai.requests.length).toBe(before);
  });

  it("x-gatehouse-fallbacks replaces the configured fallback models for the request", async () => {
    const res = await chat(gw, surface, "primary", {
      headers: { "x-gatehouse-fallbacks": "nope, gemini-fallback" },
    });
    expect(res.status).toBe(200);
    expect(res.provider).toBe("gem-up");
  });

  it("x-gatehouse-fallbacks: none disables fallback models", async () => {
    const before = fakes.anth.requests.length;
    const res = await chat(gw, surface, "primary", { headers: { "x-gatehouse-fallbacks": "none" } });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(isSurfaceError(surface, res.body)).toBe(true);
    expect(fakes.anth.requests.length).toBe(before);
  });

  it("the body field gatehouse.fallbacks does the same, and reaches no upstream", async () => {
    const res = await chat(gw, surface, "primary", { gatehouse: { fallbacks: ["gpt-fallback"] } });
    expect(res.status).toBe(200);
    expect(res.provider).toBe("oai-up");
    expect(fakes.down.requests.at(-1)!.body).not.toContain("gatehouse");
    expect(fakes.oai.requests.at(-1)!.body).not.toContain("gatehouse");
  });

  it("on the passthrough path the field is taken out of the client's bytes", async () => {
    const native = NATIVE[surface];
    const res = await chat(gw, surface, native.model, { stream: true, gatehouse: { timeouts: 60_000 } });
    expect(res.status).toBe(200);
    const sent = native.fake().requests.at(-1)!;
    expect(sent.json).toBeTypeOf("object");
    expect(sent.json).not.toHaveProperty("gatehouse");
  });

  it("a malformed override is a 400 in the client's protocol", async () => {
    for (const gatehouse of [{ fallbacks: 5 }, { fallback: ["gpt-fallback"] }, "gpt-fallback"]) {
      const res = await chat(gw, surface, "primary", { gatehouse });
      expect(res.status).toBe(400);
      expect(isSurfaceError(surface, res.body)).toBe(true);
    }
  });
});

describe("OpenAI client, every deployment of the chain on OpenAI (the byte-for-byte path)", () => {
  it("falls back to the fallback model and keeps the body field from both upstreams", async () => {
    const res = await chat(gw, "openai", "primary-oai", { gatehouse: { fallbacks: ["gpt-fallback"] } });
    expect(res.status).toBe(200);
    expect(res.provider).toBe("oai-up");
    const down = fakes.down.requests.at(-1)!.json as Record<string, unknown>;
    const up = fakes.oai.requests.at(-1)!.json as Record<string, unknown>;
    expect(down).not.toHaveProperty("gatehouse");
    expect(up).not.toHaveProperty("gatehouse");
    expect(up.model).toBe("up-gpt-fallback");
    expect(down.model).toBe("up-primary-oai");
  });
});
