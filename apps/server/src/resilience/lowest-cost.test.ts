import { describe, expect, it } from "vitest";
import type { Balanceable, BalanceContext } from "./balance-strategy.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { lowestCost } from "./lowest-cost.js";
import { seededRandom } from "./seeded-random.js";

const dep = (id: string, weight = 1): Balanceable => ({ deployment: { id, weight } });

describe("lowestCost", () => {
  const prices = new Map<string, number>([
    ["pricey", 15_000],
    ["cheap", 3_000],
    ["cheap-too", 3_000],
    ["unknown", Number.NaN],
  ]);
  const ctx: BalanceContext<Balanceable> = {
    random: seededRandom(3),
    inFlight: new InFlightTracker(),
    latency: new LatencyTracker(),
    price: (c) => prices.get(c.deployment.id) ?? Number.NaN,
  };

  it("picks the cheapest deployment", () => {
    expect(lowestCost([dep("pricey"), dep("cheap")], ctx).deployment.id).toBe("cheap");
  });

  it("shares equally cheap deployments by weight", () => {
    const group = [dep("pricey"), dep("cheap", 1), dep("cheap-too", 1)];
    let cheapToo = 0;
    for (let i = 0; i < 10_000; i++) if (lowestCost(group, ctx).deployment.id === "cheap-too") cheapToo++;
    expect(Math.abs(cheapToo / 10_000 - 0.5)).toBeLessThan(0.03);
  });

  it("ranks an unknown price last, but uses it when nothing else is left", () => {
    expect(lowestCost([dep("unknown"), dep("pricey")], ctx).deployment.id).toBe("pricey");
    expect(lowestCost([dep("unknown")], ctx).deployment.id).toBe("unknown");
  });
});
