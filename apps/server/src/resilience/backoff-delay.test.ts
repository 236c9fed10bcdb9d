import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff-delay.js";

const opts = { baseMs: 100, maxMs: 2_000 };

describe("backoffDelay", () => {
  it("doubles the ceiling with each attempt, up to the maximum", () => {
    const justBelowOne = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, opts, justBelowOne))).toEqual([
      99, 199, 399, 799, 1599, 1999, 1999,
    ]);
  });

  it("draws uniformly from zero to the ceiling (full jitter)", () => {
    expect(backoffDelay(3, opts, () => 0)).toBe(0);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(200);
    const draws = Array.from({ length: 2_000 }, () => backoffDelay(4, opts));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(800);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(350);
    expect(mean).toBeLessThan(450);
  });

  it("stays finite for absurd attempt numbers", () => {
    expect(backoffDelay(10_000, opts, () => 0.999999)).toBe(1999);
    expect(backoffDelay(0, opts, () => 0.999999)).toBe(99);
  });
});
