import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUDGET_PERIODS } from "../domain/budget.js";
import { periodEnd, periodStart } from "./period-start.js";

describe("periodStart", () => {
  const at = Date.UTC(2026, 11, 6, 5, 33, 9); // Sunday 6 December 2026

  it("starts days at UTC midnight, ISO weeks on Monday, months on the 1st, total at 0", () => {
    expect(periodStart("daily", at)).toBe(Date.UTC(2026, 11, 6));
    expect(periodStart("weekly", at)).toBe(Date.UTC(2026, 10, 30));
    expect(periodStart("weekly", Date.UTC(2026, 10, 30))).toBe(Date.UTC(2026, 10, 30));
    expect(periodStart("weekly", Date.UTC(2026, 10, 29, 23, 59))).toBe(Date.UTC(2026, 10, 23));
    expect(periodStart("monthly", at)).toBe(Date.UTC(2026, 11, 1));
    expect(periodStart("total", at)).toBe(0);
    expect(periodEnd("monthly", at)).toBe(Date.UTC(2027, 0, 1));
    expect(periodEnd("weekly", at)).toBe(Date.UTC(2026, 11, 7));
    expect(periodEnd("total", at)).toBeUndefined();
  });

  it("a time lies in [start, end) of its period, and the end starts the next period", () => {
    const time = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(time, fc.constantFrom(...BUDGET_PERIODS.filter((p) => p !== "total")), (t, p) => {
        const start = periodStart(p, t);
        const end = periodEnd(p, t)!;
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(end);
        expect(periodStart(p, end)).toBe(end);
        expect(periodStart(p, end - 1)).toBe(start);
        if (p === "weekly") expect(new Date(start).getUTCDay()).toBe(1);
      }),
    );
  });
});
