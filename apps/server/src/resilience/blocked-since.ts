import type { StoredBreakerState } from "./breaker-store.js";

/**
 * When a breaker's current block began (see `BreakerGate.blockedSince`): the earlier of when it opened
 * and when its rate-limit cool-down began, counting only the blocks it holds; 0 when it holds none.
 * Both stores derive the gate's field with this, so they cannot disagree on it.
 *
 * @example
 * blockedSince("open", 1_000, 0); // 1_000
 * blockedSince("closed", 1_000, 0); // 0: a closed breaker's openedAt is history, not a block
 * blockedSince("half_open", 5_000, 2_000); // 2_000: cooling since before it opened
 */
export function blockedSince(state: StoredBreakerState, openedAt: number, coolSince: number): number {
  const opened = state === "closed" ? 0 : openedAt;
  if (opened === 0) return coolSince;
  if (coolSince === 0) return opened;
  return Math.min(opened, coolSince);
}
