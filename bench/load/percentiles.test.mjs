import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./percentiles.mjs";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(Float64Array.from([7]), 1)).toBe(7);
  });

  it("is NaN without samples", () => {
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts numerically, not as strings", () => {
    const s = summarize([10, 9, 100, 2]);
    expect(s).toMatchObject({ count: 4, p50: 9, max: 100, mean: 30.25 });
  });
});
