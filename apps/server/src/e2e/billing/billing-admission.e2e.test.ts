import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planInput } from "../../billing/testing/plan-input.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

const USD = 1_000_000_000;
let fake: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  // Slow chunks: concurrent requests overlap, so their holds are in flight together.
  fake = await startFakeOpenAI({ chunks: 5, chunkDelayMs: 300 });
  gw = await startTestGateway({
    providers: [
      { name: "fake", baseUrl: fake.url, apiKey: "sk-provider", models: ["gpt-4o-mini", "gpt-4o"] },
    ],
    billing: { flushIntervalMs: 3_600_000 },
  });
  for (const name of ["gpt-4o-mini", "gpt-4o"]) {
    const model = await gw.store.models.findByName(gw.tenant.id, name);
    // gpt-4o-mini: free input, so a request's hold is exactly max_tokens × 1000 nano (1 USD per million).
    await gw.store.models.update(gw.tenant.id, model!.id, {
      inputPricePerMTok: name === "gpt-4o" ? USD / 2 : 0,
      outputPricePerMTok: USD,
    });
  }
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});
beforeEach(async () => {
  fake.requests.length = 0;
  await gw.store.billing.credits.setPlan(gw.tenant.id, null);
  await gw.store.billing.credits.setPrepaid(gw.tenant.id, false);
  await gw.app.refresh();
});

const ask = (model: string, maxTokens = 100) =>
  client.chat.completions.create({
    model,
    messages: [{ role: "user", content: "Hi" }],
    max_tokens: maxTokens,
  });

describe("plans at admission", () => {
  it("refuses a model outside the tenant's plan with 403 model_not_in_plan and no upstream call", async () => {
    const plan = await gw.store.billing.plans.create(planInput({ name: "Mini", models: ["gpt-4o-mini*"] }));
    await gw.store.billing.credits.setPlan(gw.tenant.id, plan.id);
    await gw.app.refresh();
    const err = await ask("gpt-4o").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: 403, code: "model_not_in_plan" });
    expect(fake.requests).toHaveLength(0);
    expect((await ask("gpt-4o-mini")).choices[0]!.message.content).toContain("Hello");
    expect(fake.requests).toHaveLength(1);

    // A plan edit reaches the snapshot through the `_plans` scope.
    await gw.store.billing.plans.update(plan.id, { models: ["gpt-4o*"] });
    await gw.app.refresh();
    expect((await ask("gpt-4o")).choices).toHaveLength(1);
  });
});

describe("plans and fallbacks", () => {
  it("never falls back to a model outside the plan (the client's x-gatehouse-fallbacks included)", async () => {
    const models = (names: string[]) => names.sort();
    const sentModels = () =>
      models(fake.requests.map((r) => (JSON.parse(r.body) as { model: string }).model));
    const failing = () =>
      client.chat.completions
        .create(
          { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], max_tokens: 5 },
          { headers: { "x-gatehouse-fallbacks": "gpt-4o" } },
        )
        .then(
          () => "served",
          (e: { status?: number }) => e.status,
        );
    // Without a plan the fallback is reached once gpt-4o-mini fails.
    fake.setMode("error-500", 2);
    expect(await failing()).toBe("served");
    expect(new Set(sentModels())).toEqual(new Set(["gpt-4o-mini", "gpt-4o"]));

    const plan = await gw.store.billing.plans.create(
      planInput({ name: "Mini only", models: ["gpt-4o-mini"] }),
    );
    await gw.store.billing.credits.setPlan(gw.tenant.id, plan.id);
    await gw.app.refresh();
    fake.requests.length = 0;
    fake.setMode("error-500", 2);
    expect(await failing()).not.toBe("served");
    expect(new Set(sentModels())).toEqual(new Set(["gpt-4o-mini"]));
    fake.setMode("ok");
  });
});

describe("prepaid credits at admission", () => {
  it("refuses with 402 insufficient_credits when the balance cannot cover the request's largest cost", async () => {
    await gw.store.billing.credits.setPrepaid(gw.tenant.id, true);
    await gw.app.refresh();
    const before = (await gw.store.billing.credits.get(gw.tenant.id)).availableNano;
    // A hold of max_tokens 1000 is 1_000_000 nano; of 100, 100_000. The balance is set to 500_000.
    await gw.store.billing.credits.addEntry(gw.tenant.id, {
      kind: "adjustment",
      amountNano: 500_000 - before,
      description: "test",
    });
    const err = await ask("gpt-4o-mini", 1000).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 402, code: "insufficient_credits" });
    expect(fake.requests).toHaveLength(0);
    // A smaller cap fits: the same balance admits it.
    expect((await ask("gpt-4o-mini", 100)).choices).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("never overspends under concurrent requests, settles actual costs and keeps balance = sum(ledger) − unflushed", async () => {
    await gw.store.billing.credits.setPrepaid(gw.tenant.id, true);
    await gw.app.refresh();
    const start = await gw.store.billing.credits.get(gw.tenant.id);
    // Exactly three holds of 100_000 fit; each answer takes 1.5 s, so all ten requests are admitted or
    // refused while the first three are in flight (a margin for a loaded machine).
    await gw.store.billing.credits.addEntry(gw.tenant.id, {
      kind: "top_up",
      amountNano: 300_000 - start.availableNano,
      description: "test",
    });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => ask("gpt-4o-mini", 100)));
    const served = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(served).toHaveLength(3);
    for (const r of refused) expect(r.reason).toMatchObject({ status: 402, code: "insufficient_credits" });
    expect(fake.requests).toHaveLength(served.length);

    await gw.app.runtime.usage.flush();
    // Settles are fire-and-forget UPDATEs: wait until they have landed.
    for (let i = 0; i < 100 && (await gw.store.billing.credits.get(gw.tenant.id)).reservedNano !== 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await gw.store.billing.credits.get(gw.tenant.id);
    expect(after.reservedNano).toBe(0);
    // Each served request costs its 5 output tokens × 1000 nano (input is free).
    expect(after.unflushedNano - start.unflushedNano).toBe(3 * 5_000);
    expect(after.availableNano).toBe(300_000 - 15_000);
    await gw.app.runtime.usage.flush();
    await gw.store.billing.credits.flushAll();
    const flushed = await gw.store.billing.credits.get(gw.tenant.id);
    expect(flushed.unflushedNano).toBe(0);
    expect(flushed.availableNano).toBeGreaterThanOrEqual(0);
    let sum = 0;
    let cursor: string | undefined;
    do {
      const page = await gw.store.billing.credits.listEntries(gw.tenant.id, {
        limit: 200,
        order: "asc",
        ...(cursor && { cursor }),
      });
      sum += page.items.reduce((a, e) => a + e.amountNano, 0);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(flushed.ledgerNano).toBe(sum);
  });
});
