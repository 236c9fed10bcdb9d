import type { InFlightTracker } from "./in-flight-tracker.js";
import type { LatencyTracker } from "./latency-tracker.js";

/** What a strategy needs of a candidate: the catalog's `Candidate` fits, and so does any test double. */
export interface Balanceable {
  deployment: { id: string; weight: number };
}

/** What strategies may consult; one object built once, not per request. */
export interface BalanceContext<T extends Balanceable> {
  /** A uniform draw in [0, 1), injectable for tests. */
  random: () => number;
  inFlight: InFlightTracker;
  latency: LatencyTracker;
  /** The price of sending the request to a candidate, in any consistent unit; NaN reads as unknown (last). */
  price: (candidate: T) => number;
}

/**
 * Picks one of a non-empty priority group. Strategies differ in what they minimise; weights break ties
 * (and are all that weighted random looks at).
 */
export type BalanceStrategy = <T extends Balanceable>(candidates: readonly T[], ctx: BalanceContext<T>) => T;
