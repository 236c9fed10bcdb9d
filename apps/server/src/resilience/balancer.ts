import { GatewayError } from "@gatehouse/protocol";
import type { Balanceable, BalanceContext, BalanceStrategy } from "./balance-strategy.js";
import { InFlightTracker } from "./in-flight-tracker.js";
import { LatencyTracker } from "./latency-tracker.js";
import { leastInFlight } from "./least-in-flight.js";
import { lowestCost } from "./lowest-cost.js";
import { lowestLatency } from "./lowest-latency.js";
import { weightedRandom } from "./weighted-random.js";

/** The strategies a model may choose, by the name its configuration uses. */
export type BalanceStrategyName = "weighted_random" | "least_in_flight" | "lowest_latency" | "lowest_cost";

export const BALANCE_STRATEGIES: Readonly<Record<BalanceStrategyName, BalanceStrategy>> = Object.freeze({
  weighted_random: weightedRandom,
  least_in_flight: leastInFlight,
  lowest_latency: lowestLatency,
  lowest_cost: lowestCost,
});

/** Whether a configuration value names a strategy (for validating model settings). */
export function isBalanceStrategyName(value: unknown): value is BalanceStrategyName {
  return typeof value === "string" && Object.hasOwn(BALANCE_STRATEGIES, value);
}

export interface BalancerOptions<T extends Balanceable> {
  random?: () => number;
  inFlight?: InFlightTracker;
  latency?: LatencyTracker;
  /** Defaults to "all free", which makes lowest-cost behave as weighted random. */
  price?: (candidate: T) => number;
}

/**
 * Picks a deployment within a priority group by the model's strategy. Holds the feedback the strategies
 * read (requests in flight, latency estimates) for the life of the process: the forwarder increments and
 * decrements `inFlight` around each attempt and records time to first byte into `latency`.
 *
 * @example
 * const balancer = new Balancer<Candidate>({ price: (c) => priceOf(c) });
 * const candidate = balancer.pick(group, model.strategy ?? "weighted_random");
 */
export class Balancer<T extends Balanceable> implements BalanceContext<T> {
  readonly random: () => number;
  readonly inFlight: InFlightTracker;
  readonly latency: LatencyTracker;
  readonly price: (candidate: T) => number;

  constructor(options: BalancerOptions<T> = {}) {
    this.random = options.random ?? Math.random;
    this.inFlight = options.inFlight ?? new InFlightTracker();
    this.latency = options.latency ?? new LatencyTracker();
    this.price = options.price ?? (() => 0);
  }

  /**
   * One candidate of a non-empty group; an empty group is the caller's bug, reported as internal_error.
   * `price`, when given, replaces the balancer's price function for this pick (the caller knows the
   * model being routed, and so its prices).
   */
  pick(
    candidates: readonly T[],
    strategy: BalanceStrategyName = "weighted_random",
    price?: (candidate: T) => number,
  ): T {
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0)
      throw new GatewayError("internal_error", "No deployment to balance between.");
    const ctx: BalanceContext<T> = price === undefined ? this : { ...this, price };
    return BALANCE_STRATEGIES[strategy](candidates, ctx);
  }
}
