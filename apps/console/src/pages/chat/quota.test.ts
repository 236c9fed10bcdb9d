import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BudgetView, quotaOf, quotasOf } from "./quota";

const budget = (p: Partial<BudgetView> & { spent?: number; reserved?: number }): BudgetView => ({
  id: p.id ?? "bdg_1",
  tenantId: "ten_1",
  scopeKind: p.scopeKind ?? "user",
  scopeId: "usr_1",
  metric: p.metric ?? "cost",
  period: p.period ?? "daily",
  limit: p.limit ?? 30_000_000,
  setBy: "admin",
  current: { periodStart: 0, periodEnd: null, spent: p.spent ?? 0, reserved: p.reserved ?? 0 },
  createdAt: 0,
  updatedAt: 0,
});

describe("quotas", () => {
  it("counts reservations as used and says what is left", () => {
    const q = quotaOf(budget({ spent: 10_000_000, reserved: 5_000_000 }));
    expect(q).toMatchObject({
      label: "Your daily budget",
      used: "$0.015 of $0.03",
      left: "$0.015 left",
      level: "yellow",
    });
    expect(q.fraction).toBeCloseTo(0.5);
  });
  it("words token quotas and an exhausted cap", () => {
    const q = quotaOf(
      budget({ metric: "tokens", scopeKind: "workspace", period: "weekly", limit: 1000, spent: 1200 }),
    );
    expect(q).toMatchObject({ label: "Workspace weekly token quota", left: "0 tokens left", level: "red" });
    expect(quotaOf(budget({ limit: 0 })).level).toBe("red");
  });
  it("puts the nearest to its cap first", () => {
    const list = quotasOf([
      budget({ id: "a", spent: 1 }),
      budget({ id: "b", spent: 29_000_000 }),
      budget({ id: "c", spent: 15_000_000 }),
    ]);
    expect(list.map((q) => q.id)).toEqual(["b", "c", "a"]);
  });
  it("never answers a negative amount left nor a fraction below zero", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (limit, spent, reserved) => {
        const q = quotaOf(budget({ limit, spent, reserved }));
        expect(q.fraction).toBeGreaterThanOrEqual(0);
        expect(q.left).not.toContain("-");
      }),
    );
  });
});
