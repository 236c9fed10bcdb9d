import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

let fakes: Record<string, FakeServer>;
let gw: TestGateway;

/** Adds a deployment of `model` on `provider` at `priority` (the CLI makes priority 0 only, for now). */
async function addFallback(model: string, provider: string, priority: number) {
  const m = (await gw.store.models.findByName(gw.tenant.id, model))!;
  const p = (await gw.store.providers.findByName(gw.tenant.id, provider))!;
  await gw.store.models.addDeployment(gw.tenant.id, {
    modelId: m.id,
    providerId: p.id,
    upstreamModel: model,
    weight: 1,
    priority,
  });
}

beforeAll(async () => {
  fakes = {};
  for (const name of ["primary", "backup", "strict", "limited", "stormA", "stormB"])
    fakes[name] = await startFakeOpenAI();
  gw = await startTestGateway({
    retryPolicy: { backoff: { baseMs: 1, maxMs: 5 } },
    providers: [
      { name: "primary", baseUrl: fakes.primary!.url, apiKey: "sk-1", models: ["fallback-model"] },
      { name: "backup", baseUrl: fakes.backup!.url, apiKey: "sk-2" },
      { name: "strict", baseUrl: fakes.strict!.url, apiKey: "sk-3", models: ["strict-model"] },
      { name: "limited", baseUrl: fakes.limited!.url, apiKey: "sk-4", models: ["limited-model"] },
      { name: "stormA", baseUrl: fakes.stormA!.url, apiKey: "sk-5", models: ["storm-model"] },
      { name: "stormB", baseUrl: fakes.stormB!.url, apiKey: "sk-6" },
    ],
  });
  await addFallback("fallback-model", "backup", 1);
  await addFallback("storm-model", "stormB", 1);
  await gw.app.refresh();
});
afterAll(async () => {
  await gw.close();
  for (const f of Object.values(fakes ?? {})) await f.close();
});

async function chat(model: string, stream = false) {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gw.key}` },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content: "Hi" }] }),
  });
  await res.text();
  return res;
}

describe("retries, fallbacks and circuit breakers", () => {
  it("serves every request while the primary fails, and stops sending it traffic once its breaker opens", async () => {
    fakes.primary!.setMode("error-500");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await chat("fallback-model", i % 2 === 1);
      statuses.push(res.status);
      if (i === 0) {
        expect(res.headers.get("x-gatehouse-provider")).toBe("backup");
        expect(Number(res.headers.get("x-gatehouse-attempts"))).toBeGreaterThanOrEqual(2);
      }
    }
    expect(statuses).toEqual(Array(20).fill(200));
    // 5 consecutive failures open the breaker; the first requests each try the primary at most twice.
    expect(fakes.primary!.requests.length).toBeLessThanOrEqual(6);
    expect(fakes.backup!.requests.length).toBe(20);
    const snapshot = await gw.app.runtime.breakers.snapshot([
      gw.app.runtime.catalog.resolve(gw.tenant.id, "fallback-model")!.groups[0]![0]!.deployment.id,
    ]);
    expect(snapshot[0]!.state).toBe("open");
  });

  it("never retries a 400", async () => {
    fakes.strict!.setMode("error-400", 1);
    const res = await chat("strict-model");
    expect(res.status).toBe(400);
    expect(fakes.strict!.requests).toHaveLength(1);
  });

  it("honours Retry-After on a 429, then succeeds on the same deployment", async () => {
    fakes.limited!.setMode("error-429", 1);
    const started = Date.now();
    const res = await chat("limited-model");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-gatehouse-attempts")).toBe("2");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("keeps upstream attempts within 1.2× client requests (plus a small floor) under a 100% 503 storm", async () => {
    fakes.stormA!.setMode("error-503");
    fakes.stormB!.setMode("error-503");
    const n = 60;
    for (let i = 0; i < n; i++) expect((await chat("storm-model")).status).toBeGreaterThanOrEqual(500);
    const attempts = fakes.stormA!.requests.length + fakes.stormB!.requests.length;
    expect(attempts).toBeLessThanOrEqual(Math.ceil(1.2 * n) + 3);
  });
});
