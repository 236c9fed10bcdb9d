import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { periodStart } from "../../budgets/period-start.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { addModel, addProvider } from "../routing/routing-fixture.js";

// One process on SQLite: the official OpenAI SDK meets a spent budget as 402 insufficient_quota, a used-up
// token quota as 429 with retry-after, and neither reaches the upstream. Each request costs exactly $0.01:
// input is free, output is $2000/M tokens, max_tokens 5 and the fake answers 5 tokens, so the reservation
// (prompt × 0 + 5 × $0.002) equals the cost.
const CENT = 10_000_000;
let fake: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 5 });
  gw = await startTestGateway();
  await addProvider(gw, "up", "openai", fake);
  await addModel(gw, "cent", [{ provider: "up" }], {
    inputPricePerMTok: 0,
    outputPricePerMTok: 2_000_000_000_000,
  });
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});

async function clearBudgets() {
  for (const b of await gw.store.budgets.listTenant(gw.tenant.id))
    await gw.store.budgets.remove(gw.tenant.id, b.id);
}
beforeEach(async () => {
  await clearBudgets();
  await gw.app.refresh();
  fake.requests.length = 0;
});

const ask = () =>
  client.chat.completions.create({
    model: "cent",
    max_tokens: 5,
    messages: [{ role: "user", content: "hi" }],
  });

describe("budgets refuse before the upstream call", () => {
  it("a $0.03 tenant budget serves three $0.01 requests, then answers 402 insufficient_quota", async () => {
    const budget = await gw.store.budgets.create(gw.tenant.id, {
      scopeKind: "tenant",
      scopeId: gw.tenant.id,
      metric: "cost",
      period: "monthly",
      limit: 3 * CENT,
      setBy: "admin",
    });
    await gw.app.refresh();
    for (let i = 0; i < 3; i++) await ask();
    const err = await ask().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const api = err as InstanceType<typeof OpenAI.APIError>;
    expect(api.status).toBe(402);
    expect(api.type).toBe("insufficient_quota");
    expect(api.code).toBe("budget_exceeded");
    expect(api.message).toContain("monthly budget of the organization ($0.03");
    expect(fake.requests).toHaveLength(3);
    // The spend reaches the database (asynchronously, from the one-process ledger of SQLite).
    const key = { budgetId: budget.id, periodStart: periodStart("monthly", Date.now()) };
    await expect
      .poll(async () => (await gw.store.budgetLedger.read([key]))[0], { timeout: 3_000 })
      .toEqual({ spent: 3 * CENT, reserved: 0 });
    // Model lists and token counts reserve nothing: they still answer.
    expect((await client.models.list()).data.map((m) => m.id)).toContain("cent");
  });

  it("a raised cap applies at once (the budgets scope refreshes the snapshot)", async () => {
    const budget = await gw.store.budgets.create(gw.tenant.id, {
      scopeKind: "key",
      scopeId: (await gw.store.apiKeys.list(gw.tenant.id))[0]!.id,
      metric: "cost",
      period: "daily",
      limit: CENT - 1,
      setBy: "admin",
    });
    await gw.app.refresh();
    await expect(ask()).rejects.toMatchObject({ status: 402 });
    await gw.store.budgets.setLimit(gw.tenant.id, budget.id, CENT);
    await gw.app.refresh();
    await expect(ask()).resolves.toBeDefined();
    expect(fake.requests).toHaveLength(1);
  });

  it("a used-up token quota answers 429 with retry-after until the period's end", async () => {
    await gw.store.budgets.create(gw.tenant.id, {
      scopeKind: "workspace",
      scopeId: gw.workspace.id,
      metric: "tokens",
      period: "daily",
      limit: 4,
      setBy: "admin",
    });
    await gw.app.refresh();
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${gw.key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "cent", max_tokens: 5, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toContain(`daily token quota of workspace ${gw.workspace.id}`);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses on every surface and operation that reaches an upstream; token counts still answer", async () => {
    await gw.store.budgets.create(gw.tenant.id, {
      scopeKind: "tenant",
      scopeId: gw.tenant.id,
      metric: "cost",
      period: "daily",
      limit: 0,
      setBy: "admin",
    });
    await gw.app.refresh();
    const post = async (path: string, headers: Record<string, string>, body: unknown) => {
      const res = await fetch(`${gw.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: each surface's error shape is read field by field
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const anthropic = { "x-api-key": gw.key, "anthropic-version": "2023-06-01" };
    const messages = await post("/v1/messages", anthropic, {
      model: "cent",
      max_tokens: 5,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(messages.status).toBe(402);
    expect(messages.body.error.type).toBe("billing_error");
    const gemini = await post(
      "/v1beta/models/cent:generateContent",
      { "x-goog-api-key": gw.key },
      { contents: [{ role: "user", parts: [{ text: "hi" }] }], generationConfig: { maxOutputTokens: 5 } },
    );
    expect(gemini.status).toBe(402);
    expect(gemini.body.error.status).toBe("RESOURCE_EXHAUSTED");
    // Embeddings cost nothing at this model's prices, but their input tokens count against the quota.
    await gw.store.budgets.create(gw.tenant.id, {
      scopeKind: "tenant",
      scopeId: gw.tenant.id,
      metric: "tokens",
      period: "daily",
      limit: 0,
      setBy: "admin",
    });
    await gw.app.refresh();
    const embeddings = await post(
      "/v1/embeddings",
      { authorization: `Bearer ${gw.key}` },
      { model: "cent", input: "hi" },
    );
    expect(embeddings.status).toBe(429);
    expect(embeddings.body.error.code).toBe("quota_exceeded");
    expect(fake.requests).toHaveLength(0);
    const counted = await post("/v1/messages/count_tokens", anthropic, {
      model: "cent",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(counted.status).toBe(200);
    expect(counted.body.input_tokens).toBeGreaterThan(0);
  });
});
