import { describe, expect, it } from "vitest";
import type { Balanceable, BalanceContext } from "./balance-strategy.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { seededRandom } from "./seeded-random.js";
import { weightedRandom } from "./weighted-random.js";

const dep = (id: string, weight: number): Balanceable => ({ deployment: { id, weight } });
const ctxWith = (random: () => number): BalanceContext<Balanceable> => ({
  random,
  inFlight: new InFlightTracker(),
  latency: new LatencyTracker(),
  price: () => 0,
});

function shares(group: Balanceable[], picks: number, seed: number): Record<string, number> {
  const ctx = ctxWith(seededRandom(seed));
  const counts: Record<string, number> = {};
  for (let i = 0; i < picks; i++) {
    const id = weightedRandom(group, ctx).deployment.id;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  for (const id of Object.keys(counts)) counts[id] = counts[id]! / picks;
  return counts;
}

describe("weightedRandom", () => {
  it.each([1, 2, 3])(
    "gives each deployment its weight's share of 10,000 picks within ±3% (seed %i)",
    (seed) => {
      const s = shares([dep("a", 1), dep("b", 2), dep("c", 7)], 10_000, seed);
      expect(Math.abs(s.a! - 0.1)).toBeLessThan(0.03);
      expect(Math.abs(s.b! - 0.2)).toBeLessThan(0.03);
      expect(Math.abs(s.c! - 0.7)).toBeLessThan(0.03);
    },
  );

  it("passes a chi-square test at p = 0.001 over 10,000 picks", () => {
    const weights = [5, 3, 1, 1];
    const group = weights.map((w, i) => dep(`d${i}`, w));
    const s = shares(group, 10_000, 7);
    const chi2 = weights.reduce((sum, w, i) => {
      const expected = (10_000 * w) / 10;
      const observed = (s[`d${i}`] ?? 0) * 10_000;
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
    expect(chi2).toBeLessThan(16.27); // 3 degrees of freedom
  });

  it("never picks a zero-weight deployment while another has weight", () => {
    const s = shares([dep("zero", 0), dep("negative", -5), dep("one", 1)], 1_000, 4);
    expect(s).toEqual({ one: 1 });
  });

  it("spreads evenly when every weight is zero", () => {
    const s = shares([dep("a", 0), dep("b", 0)], 10_000, 5);
    expect(Math.abs(s.a! - 0.5)).toBeLessThan(0.03);
  });

  it("maps the random draw onto cumulative weights", () => {
    const group = [dep("a", 1), dep("b", 3)];
    expect(
      weightedRandom(
        group,
        ctxWith(() => 0.2),
      ).deployment.id,
    ).toBe("a");
    expect(
      weightedRandom(
        group,
        ctxWith(() => 0.25),
      ).deployment.id,
    ).toBe("b");
    expect(
      weightedRandom(
        group,
        ctxWith(() => 0.999999),
      ).deployment.id,
    ).toBe("b");
  });
});
