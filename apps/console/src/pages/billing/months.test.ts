import { describe, expect, it } from "vitest";
import { topUpProblem } from "./BalanceSection";
import { monthLabel, recentMonths } from "./months";

describe("recentMonths", () => {
  it("counts back across a year boundary in UTC", () => {
    expect(recentMonths(Date.parse("2027-02-01T00:30:00Z"), 3)).toEqual(["2027-02", "2027-01", "2026-12"]);
    expect(monthLabel("2026-11")).toBe("November 2026");
  });
});

describe("topUpProblem", () => {
  it("accepts whole cents from $0.50 to $10,000 only", () => {
    expect(topUpProblem(20_000_000_000)).toBeUndefined();
    expect(topUpProblem(500_000_000)).toBeUndefined();
    expect(topUpProblem(490_000_000)).toMatch(/Between/);
    expect(topUpProblem(1_005_000_000)).toMatch(/Whole cents/);
    expect(topUpProblem(10_000_010_000_000)).toMatch(/Between/);
    expect(topUpProblem(undefined)).toMatch(/Enter/);
  });
});
