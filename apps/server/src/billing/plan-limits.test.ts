import { describe, expect, it } from "vitest";
import type { Plan } from "../store/billing/billing-types.js";
import { PLAN_LIMIT_ID, planQuotaId, planRateRules, planTokenQuota } from "./plan-limits.js";
import { planInput } from "./testing/plan-input.js";

const plan = (parts: Partial<Plan>): Plan => ({
  ...planInput({ name: "Pro" }),
  id: "pln_1",
  createdAt: 1,
  updatedAt: 2,
  ...parts,
});
const snapshotOf = (byTenant: Record<string, Plan>) => ({
  planOf: (tenantId: string) =>
    byTenant[tenantId] ? { plan: byTenant[tenantId]!, allows: () => true } : undefined,
});

describe("planRateRules", () => {
  it("is one tenant-wide rule for every model with the plan's values, and nothing without them", () => {
    const rules = planRateRules(
      snapshotOf({ ten_a: plan({ rpm: 60, concurrency: 5 }), ten_b: plan({}), ten_c: plan({ tpm: 1000 }) }),
    );
    expect(rules({ tenantId: "ten_a" })).toEqual([
      expect.objectContaining({
        id: PLAN_LIMIT_ID,
        tenantId: "ten_a",
        scopeKind: "tenant",
        scopeId: "ten_a",
        model: null,
        rpm: 60,
        tpm: null,
        concurrency: 5,
      }),
    ]);
    expect(rules({ tenantId: "ten_b" })).toEqual([]);
    expect(rules({ tenantId: "ten_c" })[0]).toMatchObject({ tpm: 1000, rpm: null });
    expect(rules({ tenantId: "ten_none" })).toEqual([]);
  });
});

describe("planTokenQuota", () => {
  it("is a monthly tenant token budget named after the plan, keyed by the tenant (not the plan)", () => {
    const quota = planTokenQuota(snapshotOf({ ten_a: plan({ includedTokens: 500 }), ten_b: plan({}) }));
    expect(quota({ tenantId: "ten_a" })).toEqual([
      expect.objectContaining({
        id: planQuotaId("ten_a"),
        metric: "tokens",
        period: "monthly",
        limit: 500,
        scopeKind: "tenant",
        scopeId: "ten_a",
        plan: "Pro",
      }),
    ]);
    expect(quota({ tenantId: "ten_b" })).toEqual([]);
    expect(quota({ tenantId: "ten_none" })).toEqual([]);
  });
});
