import { describe, expect, it } from "vitest";
import type { Balanceable, BalanceContext } from "./balance-strategy.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { lowestLatency } from "./lowest-latency.js";
import { seededRandom } from "./seeded-random.js";

const dep = (id: string): Balanceable => ({ deployment: { id, weight: 1 } });

describe("lowestLatency", () => {
  const setup = () => {
    let t = 0;
    const latency = new LatencyTracker({
      alpha: 0.5,
      staleAfterMs: 30_000,
      exploreLeaseMs: 5_000,
      now: () => t,
    });
    const ctx: BalanceContext<Balanceable> = {
      random: seededRandom(9),
      inFlight: new InFlightTracker(),
      latency,
      price: () => 0,
    };
    return { ctx, latency, advance: (ms: number) => (t += ms) };
  };
  const group = [dep("slow"), dep("fast")];

  it("explores unknown deployments first, one explorer each", () => {
    const { ctx } = setup();
    const first = [lowestLatency(group, ctx), lowestLatency(group, ctx)].map((c) => c.deployment.id);
    expect(first).toEqual(["slow", "fast"]);
    // Both explorers are out, nothing is measured yet: the rest spread by weight instead of piling on one.
    const next = new Set(Array.from({ length: 50 }, () => lowestLatency(group, ctx).deployment.id));
    expect(next).toEqual(new Set(["slow", "fast"]));
  });

  it("converges to the fastest deployment", () => {
    const { ctx, latency, advance } = setup();
    const ttfb: Record<string, number> = { slow: 900, fast: 150 };
    const picks: string[] = [];
    for (let i = 0; i < 200; i++) {
      const id = lowestLatency(group, ctx).deployment.id;
      picks.push(id);
      latency.record(id, ttfb[id]!);
      advance(100); // 20 s in all: nothing goes stale
    }
    expect(picks.slice(0, 2).sort()).toEqual(["fast", "slow"]);
    expect(picks.slice(2).every((id) => id === "fast")).toBe(true);
  });

  it("explores a recovered deployment once its estimate goes stale, and moves back to it", () => {
    const { ctx, latency, advance } = setup();
    const ttfb: Record<string, number> = { slow: 900, fast: 150 };
    const serve = () => {
      const id = lowestLatency(group, ctx).deployment.id;
      latency.record(id, ttfb[id]!);
      advance(1_000);
      return id;
    };
    serve();
    serve();
    ttfb.slow = 60; // it recovers, unseen: it gets no traffic while its old estimate stands
    const picks = Array.from({ length: 40 }, serve);
    const firstBack = picks.indexOf("slow");
    expect(picks.slice(0, 29).every((id) => id === "fast")).toBe(true); // stale after 30 s
    expect(firstBack).toBeGreaterThanOrEqual(29);
    expect(firstBack).toBeLessThanOrEqual(30);
    // The fresh sample replaced the 900 ms estimate outright: the recovered one now wins.
    expect(picks.slice(firstBack).every((id) => id === "slow")).toBe(true);
    expect(latency.estimate("slow")).toBe(60);
  });
});
