import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PriceBookEntry, PricingSettings, TenantPricing } from "../../domain/price-sheet.js";
import { maxCostNano } from "./max-cost-nano.js";
import { meter, UsageTicket } from "./meter.js";
import { newOutcome, type Served } from "./outcome.js";
import { createPricingAdmission } from "./pricing-admission.js";
import type { RequestScope } from "./request-scope.js";
import { scopeFor } from "./testing/scope-for.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");
let u: UnitRuntime;

beforeAll(async () => {
  u = await startUnitRuntime({ now: () => NOW });
});
afterAll(() => u?.close());
beforeEach(() => {
  u.usage.begun.length = 0;
  u.usage.finished.length = 0;
  u.logs.length = 0;
});

function pricing(settings: Partial<PricingSettings>, book: Array<[string, PriceBookEntry["prices"]]> = []) {
  const entries = new Map(
    book.map(([model, prices]) => [
      model,
      { tenantId: u.principal.tenantId, model, prices, createdAt: 0, updatedAt: Date.UTC(2026, 0, 2) },
    ]),
  );
  return {
    settings: { markupBps: 0, unpricedModels: "record", ...settings },
    book: entries,
  } as TenantPricing;
}

/** A catalog with a catalog-priced Claude, a model priced on itself and an unknown local-ish model. */
function useCatalog(p: TenantPricing): void {
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("ant", "anthropic", "http://127.0.0.1:9")
    .provider("oai", "openai", "http://127.0.0.1:9/v1")
    .provider("llama", "ollama", "http://127.0.0.1:9")
    .model("sonnet", [{ provider: "ant", upstreamModel: "claude-sonnet-4-20250514" }], {
      maxOutputTokens: 1000,
    })
    .model("own", [{ provider: "oai", upstreamModel: "mystery" }], {
      inputPricePerMTok: 1_000_000_000,
      outputPricePerMTok: 2_000_000_000,
    })
    .model("mystery", [{ provider: "oai", upstreamModel: "mystery-1" }])
    .model("local", [{ provider: "llama", upstreamModel: "llama3.1:8b" }])
    .pricing(p)
    .build();
}

async function settle(scope: RequestScope, usage = { inputTokens: 1000, outputTokens: 100 }) {
  const route = scope.route!;
  const served: Served = { route, candidate: route.groups[0]![0]! };
  const ticket = new UsageTicket(u.rt.usage, scope);
  await ticket.begin(served);
  const outcome = newOutcome(200, served);
  outcome.usage = usage;
  meter(u.rt, { head: scope, scope, ticket, admission: undefined, outcome });
  return u.usage.finished.at(-1)!;
}

describe("createPricingAdmission", () => {
  const gate = () => createPricingAdmission(u.rt.prices);

  it("refuses a model with no price anywhere with 403 model_not_priced when the tenant says refuse", async () => {
    useCatalog(pricing({ unpricedModels: "refuse" }));
    expect(() => gate().admit(scopeFor(u.rt, u.principal, "mystery"))).toThrow(
      expect.objectContaining({ code: "model_not_priced", status: 403 }),
    );
    for (const priced of ["sonnet", "own", "local"])
      expect(() => gate().admit(scopeFor(u.rt, u.principal, priced))).not.toThrow();
  });

  it("admits unpriced models with the default record policy, and a price book entry prices them", () => {
    useCatalog(pricing({}));
    expect(() => gate().admit(scopeFor(u.rt, u.principal, "mystery"))).not.toThrow();
    useCatalog(pricing({ unpricedModels: "refuse" }, [["mystery", { input: 1, output: 1 }]]));
    expect(() => gate().admit(scopeFor(u.rt, u.principal, "mystery"))).not.toThrow();
  });
});

describe("meter: prices and usage record details", () => {
  it("bills from the shipped catalog by upstream model, with its version, latency and stream outcome", async () => {
    useCatalog(pricing({}));
    const scope = { ...scopeFor(u.rt, u.principal, "sonnet", { stream: true }), startedAt: NOW - 250 };
    const rec = await settle(scope);
    expect(rec).toMatchObject({
      costNano: 1000 * 3000 + 100 * 15000,
      priceVersion: "anthropic/claude-sonnet-4@2025-05-22",
      unpriced: false,
      streamOutcome: "completed",
      latencyMs: 250,
    });
  });

  it("prefers the price book over the model's prices, and adds the tenant's markup", async () => {
    useCatalog(pricing({ markupBps: 2500 }, [["own", { input: 4_000_000_000, output: 0 }]]));
    const rec = await settle(scopeFor(u.rt, u.principal, "own"));
    expect(rec).toMatchObject({ costNano: 5_000_000, priceVersion: "book:own@2026-01-02T00:00:00.000Z" });
    useCatalog(pricing({}));
    expect(await settle(scopeFor(u.rt, u.principal, "own"))).toMatchObject({
      costNano: 1_200_000,
      priceVersion: "model:own",
      streamOutcome: null,
    });
  });

  it("records an unpriced model at 0, flagged, with a warning; a local model is free, not unpriced", async () => {
    useCatalog(pricing({}));
    expect(await settle(scopeFor(u.rt, u.principal, "mystery"))).toMatchObject({
      costNano: 0,
      unpriced: true,
      priceVersion: null,
    });
    expect(u.logs.join("\n")).toContain("model has no price");
    expect(u.logs.join("\n")).toContain('"unpriced":true');
    u.logs.length = 0;
    await settle(scopeFor(u.rt, u.principal, "mystery"));
    expect(u.logs.join("\n")).not.toContain("model has no price"); // once per tenant and model
    expect(await settle(scopeFor(u.rt, u.principal, "local"))).toMatchObject({
      costNano: 0,
      unpriced: false,
      priceVersion: "local/free@2024-01-01",
    });
  });
});

describe("maxCostNano", () => {
  it("prices the prompt at the highest input-side rate and the output cap at the output rate, with markup", () => {
    useCatalog(pricing({ markupBps: 1000 }));
    const scope = {
      ...scopeFor(u.rt, u.principal, "sonnet"),
      estimate: { promptTokens: 1000, maxOutputTokens: 200 },
    };
    // Highest input-side rate of claude-sonnet-4: the >200k tier's 1-hour cache write, $12; output $22.50.
    expect(maxCostNano(scope, u.rt.prices)).toBe(((1000 * 12_000 + 200 * 22_500) * 11) / 10);
    const noCap = { ...scope, estimate: { promptTokens: 0, maxOutputTokens: undefined } };
    expect(maxCostNano(noCap, u.rt.prices)).toBe((1000 * 22_500 * 11) / 10);
    const unpriced = {
      ...scopeFor(u.rt, u.principal, "mystery"),
      estimate: { promptTokens: 9, maxOutputTokens: 9 },
    };
    expect(maxCostNano(unpriced, u.rt.prices)).toBe(0);
  });
});
