import { describe, expect, it } from "vitest";
import { BucketWindow } from "./bucket-window.js";

describe("BucketWindow", () => {
  it("sums each channel over the buckets inside the window", () => {
    const w = new BucketWindow(10_000, 10, 2);
    w.add(0, 0);
    w.add(500, 0, 2);
    w.add(500, 1);
    w.add(9_999, 0);
    expect([w.total(9_999, 0), w.total(9_999, 1)]).toEqual([4, 1]);
    // At 10 s the first bucket (0-1 s) has left the window; the last one is still in.
    expect([w.total(10_000, 0), w.total(10_000, 1)]).toEqual([1, 0]);
    expect(w.total(18_999, 0)).toBe(1);
    expect(w.total(19_000, 0)).toBe(0);
  });

  it("recycles a slot whose bucket has expired instead of adding to it", () => {
    const w = new BucketWindow(1_000, 4, 1);
    w.add(0, 0, 5);
    w.add(1_000, 0); // same slot, a bucket one whole window later
    expect(w.total(1_000, 0)).toBe(1);
  });

  it("ignores buckets from the future (a clock that stepped back)", () => {
    const w = new BucketWindow(1_000, 4, 1);
    w.add(5_000, 0);
    expect(w.total(4_000, 0)).toBe(0);
  });

  it("forgets everything on clear", () => {
    const w = new BucketWindow(1_000, 4, 1);
    w.add(100, 0, 3);
    w.clear();
    expect(w.total(100, 0)).toBe(0);
  });
});
