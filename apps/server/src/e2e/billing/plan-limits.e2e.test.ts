import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planInput } from "../../billing/testing/plan-input.js";
import type { PlanInput } from "../../store/billing/billing-types.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";

/**
 * A plan's default limits and included tokens (docs/billing.md, Plans): enforced at admission like the
 * tenant's own limits and budgets, before any upstream call.
 */
let fake: FakeServer;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 3 });
  gw = await startTestGateway({
    providers: [{ name: "fake", baseUrl: fake.url, apiKey: "sk-provider", models: ["gpt-4o-mini"] }],
  });
  client = new OpenAI({ apiKey: gw.key, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

async function onPlan(parts: Partial<PlanInput>) {
  const plan = await gw.store.billing.plans.create(planInput({ ...parts, name: `P${Date.now()}` }));
  await gw.store.billing.credits.setPlan(gw.tenant.id, plan.id);
  await gw.app.refresh();
  return plan;
}

const ask = (maxTokens = 10) =>
  client.chat.completions
    .create({ model: "gpt-4o-mini", max_tokens: maxTokens, messages: [{ role: "user", content: "hi" }] })
    .withResponse();

describe("a plan's default limits", () => {
  it("holds the tenant to the plan's requests per minute, even with a higher limit of its own", async () => {
    await gw.store
      .forTenant(gw.tenant.id)
      .rateLimits.create({ scopeKind: "tenant", scopeId: gw.tenant.id, rpm: 100 });
    await onPlan({ rpm: 2 });
    const first = await ask();
    expect(first.response.headers.get("x-ratelimit-limit-requests")).toBe("2");
    await ask();
    const err = await ask().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: 429, code: "rate_limited" });
    expect(Number((err as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after"))).toBeGreaterThan(
      0,
    );
    expect(fake.requests).toHaveLength(2);

    // Off the plan, only the tenant's own limit (100 per minute) remains.
    await gw.store.billing.credits.setPlan(gw.tenant.id, null);
    await gw.app.refresh();
    const after = await ask();
    expect(after.response.headers.get("x-ratelimit-limit-requests")).toBe("100");
  });
});

describe("a plan's included tokens", () => {
  it("is a monthly token quota: a request that could pass it gets 429 quota_exceeded naming the plan", async () => {
    const plan = await onPlan({ includedTokens: 60 });
    const err = await ask(100).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: "quota_exceeded" });
    expect((err as Error).message).toContain(`the 60 tokens included each month in the plan "${plan.name}"`);
    expect(fake.requests).toHaveLength(0);

    // A small request fits; what it really used is settled, so the quota runs out as tokens are used.
    let served = 0;
    for (let i = 0; i < 20; i++) {
      const r = await ask(10).catch((e: unknown) => e);
      if (r instanceof OpenAI.APIError) {
        expect(r).toMatchObject({ status: 429, code: "quota_exceeded" });
        break;
      }
      served++;
    }
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThan(20);
    expect(fake.requests).toHaveLength(served);

    // A plan with more included tokens continues from the tokens used this month.
    await gw.store.billing.plans.update(plan.id, { includedTokens: 1_000_000 });
    await gw.app.refresh();
    await ask(10);
  });
});
