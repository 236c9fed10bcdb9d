import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latencyPercentile } from "./latency-percentile.js";
import { LATENCY_BOUNDS_MS, latencyBucket } from "./rollup-layout.js";

describe("latencyPercentile", () => {
  it("answers the bucket bound of the p-th request", () => {
    const h = new Array<number>(16).fill(0);
    h[1] = 90;
    h[2] = 10;
    expect(latencyPercentile(h, 0.5)).toBe(100);
    expect(latencyPercentile(h, 0.9)).toBe(100);
    expect(latencyPercentile(h, 0.95)).toBe(200);
    expect(latencyPercentile(new Array<number>(16).fill(0), 0.5)).toBeNull();
  });

  it("is never below the true percentile and at most one bucket above it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 59_000 }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0.5, 0.95, 0.99),
        (latencies, p) => {
          const h = new Array<number>(16).fill(0);
          for (const l of latencies) h[latencyBucket(l)]! += 1;
          const sorted = [...latencies].sort((a, b) => a - b);
          const truth = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
          const answer = latencyPercentile(h, p)!;
          expect(answer).toBeGreaterThanOrEqual(truth);
          expect(answer).toBe(LATENCY_BOUNDS_MS[latencyBucket(truth)]);
        },
      ),
    );
  });
});
