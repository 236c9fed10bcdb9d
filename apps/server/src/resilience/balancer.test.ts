import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { Balanceable } from "./balance-strategy.js";
import { Balancer, isBalanceStrategyName } from "./balancer.js";
import { seededRandom } from "./seeded-random.js";

interface Priced extends Balanceable {
  pricePerMTok: number;
}
const dep = (id: string, weight: number, pricePerMTok: number): Priced => ({
  deployment: { id, weight },
  pricePerMTok,
});
const group = [dep("a", 9, 5_000), dep("b", 1, 1_000)];

describe("Balancer", () => {
  it("applies the strategy a model names", () => {
    const balancer = new Balancer<Priced>({ random: seededRandom(1), price: (c) => c.pricePerMTok });
    expect(balancer.pick(group, "lowest_cost").deployment.id).toBe("b");
    balancer.inFlight.increment("b");
    expect(balancer.pick(group, "least_in_flight").deployment.id).toBe("a");
    balancer.latency.record("a", 300);
    balancer.latency.record("b", 100);
    expect(balancer.pick(group, "lowest_latency").deployment.id).toBe("b");
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (balancer.pick(group).deployment.id === "a") a++;
    expect(Math.abs(a / 10_000 - 0.9)).toBeLessThan(0.03); // weighted random by default
  });

  it("returns a lone candidate without consulting anything, and refuses an empty group", () => {
    const balancer = new Balancer<Priced>({ random: () => Number.NaN });
    expect(balancer.pick([group[0]!], "lowest_cost")).toBe(group[0]);
    expect(() => balancer.pick([])).toThrow(GatewayError);
  });

  it("uses a per-pick price over its own for lowest cost, and only for that pick", () => {
    const balancer = new Balancer<Priced>({ random: seededRandom(2), price: (c) => c.pricePerMTok });
    const inverted = (c: Priced) => -c.pricePerMTok;
    expect(balancer.pick(group, "lowest_cost", inverted).deployment.id).toBe("a");
    expect(balancer.pick(group, "lowest_cost").deployment.id).toBe("b");
  });

  it("recognises strategy names from configuration", () => {
    expect(isBalanceStrategyName("least_in_flight")).toBe(true);
    expect(isBalanceStrategyName("round_robin")).toBe(false);
    expect(isBalanceStrategyName("toString")).toBe(false);
  });
});
