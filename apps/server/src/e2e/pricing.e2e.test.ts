import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPricingAdmission } from "../data-plane/pipeline/pricing-admission.js";
import { loadPriceCatalog } from "../metering/pricing/load-price-catalog.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { addModel, addProvider, startFake, usageOf } from "./routing/routing-fixture.js";
import { chat } from "./routing/surface-client.js";

/**
 * Exact costs through the real server: fakes answer with prompt-cache usage as Anthropic and Gemini
 * report it, the models have no prices of their own, so the shipped catalog prices them by upstream
 * model name; the usage record carries the cost to the nano-dollar and the catalog version.
 */
let gw: TestGateway;
let fakes: Record<"anth" | "gem" | "oai", FakeServer>;

beforeAll(async () => {
  fakes = {
    anth: await startFake("anthropic", { promptCache: { read: 1800, write5m: 148, write1h: 100 } }),
    gem: await startFake("gemini", { promptCache: { read: 8000 } }),
    oai: await startFake("openai"),
  };
  const prices = loadPriceCatalog();
  gw = await startTestGateway({ prices, admission: createPricingAdmission(prices) });
  await addProvider(gw, "anth", "anthropic", fakes.anth);
  await addProvider(gw, "gem", "gemini", fakes.gem);
  await addProvider(gw, "oai", "openai", fakes.oai);
  await addModel(gw, "sonnet", [{ provider: "anth", upstreamModel: "claude-sonnet-4-20250514" }]);
  await addModel(gw, "pro", [{ provider: "gem", upstreamModel: "gemini-2.5-pro" }]);
  await addModel(gw, "mystery", [{ provider: "oai", upstreamModel: "not-in-any-catalog" }]);
});
afterAll(async () => {
  await gw?.close();
  for (const f of Object.values(fakes ?? {})) await f.close();
});

describe("usage records priced from the shipped catalog", () => {
  for (const stream of [false, true]) {
    it(`Anthropic cache writes at 5 minutes and 1 hour, and cache reads (${stream ? "stream" : "JSON"})`, async () => {
      const answer = await chat(gw, "anthropic", "sonnet", { stream });
      expect(answer.status).toBe(200);
      const rec = await usageOf(gw, answer.requestId);
      expect(rec).toMatchObject({
        cacheReadTokens: 1800,
        cacheWriteTokens: 248,
        cacheWrite1hTokens: 100,
        priceVersion: "anthropic/claude-sonnet-4@2025-05-22",
        unpriced: false,
        streamOutcome: stream ? "completed" : null,
      });
      const uncached = rec.inputTokens - 1800 - 248;
      expect(uncached).toBeGreaterThan(0);
      // nano-USD per token = USD per million tokens × 1000: $3 input, $0.30 read, $3.75 / $6 writes, $15 out.
      const expected = uncached * 3000 + 1800 * 300 + 148 * 3750 + 100 * 6000 + rec.outputTokens * 15000;
      expect(rec.costNano).toBe(expected);
      expect(rec.latencyMs).toBeGreaterThanOrEqual(0);
    });
  }

  it("Gemini cached content inside promptTokenCount, priced once at the cache price", async () => {
    const answer = await chat(gw, "gemini", "pro");
    expect(answer.status).toBe(200);
    const rec = await usageOf(gw, answer.requestId);
    expect(rec).toMatchObject({ cacheReadTokens: 8000, priceVersion: "google/gemini-2.5-pro@2025-06-17" });
    // $1.25 input, $0.125 cached, $10 output; the prompt stays under the 200k tier.
    expect(rec.costNano).toBe((rec.inputTokens - 8000) * 1250 + 8000 * 125 + rec.outputTokens * 10000);
  });

  it("records an unpriced model flagged at 0 by default, refuses it (403, no upstream call) when told to", async () => {
    const first = await chat(gw, "openai", "mystery");
    expect(first.status).toBe(200);
    expect(await usageOf(gw, first.requestId)).toMatchObject({
      unpriced: true,
      costNano: 0,
      priceVersion: null,
    });
    await gw.store.forTenant(gw.tenant.id).pricing.updateSettings({ unpricedModels: "refuse" });
    await gw.app.refresh();
    const calls = fakes.oai.requests.length;
    const refused = await chat(gw, "openai", "mystery");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe("model_not_priced");
    expect(fakes.oai.requests.length).toBe(calls);
    expect((await chat(gw, "anthropic", "sonnet")).status).toBe(200);
  });

  it("bills the tenant's price book entry with its markup, from the next request on", async () => {
    const pricing = gw.store.forTenant(gw.tenant.id).pricing;
    await pricing.putEntry("pro", { input: 2_000_000_000, output: 4_000_000_000, cacheRead: 0 });
    await pricing.updateSettings({ markupBps: 1000 });
    await gw.app.refresh();
    const rec = await usageOf(gw, (await chat(gw, "gemini", "pro")).requestId);
    expect(rec.priceVersion).toMatch(/^book:pro@/);
    const base = (rec.inputTokens - 8000) * 2000 + rec.outputTokens * 4000;
    expect(rec.costNano).toBe(Math.round((base * 11) / 10));
  });
});
