import { describe, expect, it } from "vitest";
import type { Balanceable, BalanceContext } from "./balance-strategy.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { leastInFlight } from "./least-in-flight.js";
import { seededRandom } from "./seeded-random.js";

const dep = (id: string, weight = 1): Balanceable => ({ deployment: { id, weight } });

describe("leastInFlight", () => {
  const inFlight = new InFlightTracker();
  const ctx: BalanceContext<Balanceable> = {
    random: seededRandom(11),
    inFlight,
    latency: new LatencyTracker(),
    price: () => 0,
  };

  it("picks the idlest deployment", () => {
    const group = [dep("a"), dep("b"), dep("c")];
    for (let i = 0; i < 3; i++) inFlight.increment("a");
    inFlight.increment("b");
    inFlight.increment("c");
    inFlight.increment("c");
    expect(leastInFlight(group, ctx).deployment.id).toBe("b");
  });

  it("evens out load when every pick stays in flight", () => {
    const group = [dep("x"), dep("y"), dep("z")];
    for (let i = 0; i < 30; i++) inFlight.increment(leastInFlight(group, ctx).deployment.id);
    expect([inFlight.get("x"), inFlight.get("y"), inFlight.get("z")]).toEqual([10, 10, 10]);
  });

  it("breaks ties by weight", () => {
    const group = [dep("busy", 100), dep("light", 1), dep("heavy", 3)];
    inFlight.increment("busy");
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const id = leastInFlight(group, ctx).deployment.id;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts.busy).toBeUndefined();
    expect(Math.abs(counts.heavy! / 10_000 - 0.75)).toBeLessThan(0.03);
  });
});
