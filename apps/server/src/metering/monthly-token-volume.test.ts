import { describe, expect, it } from "vitest";
import { MonthlyTokenVolume } from "./monthly-token-volume.js";

const NOV_30_LATE = Date.UTC(2026, 10, 30, 23, 59, 59, 999);
const DEC_1 = Date.UTC(2026, 11, 1);

describe("MonthlyTokenVolume", () => {
  it("counts a tenant's model per calendar month (UTC) and starts again at zero when the month turns", () => {
    const v = new MonthlyTokenVolume();
    v.add("ten_a", "m", NOV_30_LATE - 1_000, 100);
    v.add("ten_a", "m", NOV_30_LATE, 50);
    v.add("ten_b", "m", NOV_30_LATE, 7);
    expect(v.get("ten_a", "m", NOV_30_LATE)).toBe(150);
    expect(v.get("ten_a", "other", NOV_30_LATE)).toBe(0);
    expect(v.get("ten_a", "m", DEC_1)).toBe(0);
    v.add("ten_a", "m", DEC_1 + 1, 5);
    expect(v.get("ten_a", "m", DEC_1 + 2)).toBe(5);
    expect(v.get("ten_b", "m", DEC_1)).toBe(0);
  });

  it("ignores counts that are not positive", () => {
    const v = new MonthlyTokenVolume();
    v.add("ten_a", "m", DEC_1, 0);
    v.add("ten_a", "m", DEC_1, -3);
    v.add("ten_a", "m", DEC_1, Number.NaN);
    expect(v.get("ten_a", "m", DEC_1)).toBe(0);
  });
});
