import { GatewayError } from "@gatehouse/protocol";
import type { Balanceable } from "./balance-strategy.js";

/**
 * The candidate with the lowest score; among equal scores, a weighted random one (uniform when the tied
 * weights are all zero). Two passes and no allocation: `score` is a plain function given `scoreCtx`, so
 * callers pass module-level functions instead of building a closure per request.
 *
 * @example
 * pickLowest(group, (c, inFlight) => inFlight.get(c.deployment.id), tracker, Math.random);
 */
export function pickLowest<T extends Balanceable, C>(
  candidates: readonly T[],
  score: (candidate: T, scoreCtx: C) => number,
  scoreCtx: C,
  random: () => number,
): T {
  let best = Number.POSITIVE_INFINITY;
  let first: T | undefined;
  let tied = 0;
  let totalWeight = 0;
  for (const c of candidates) {
    const s = score(c, scoreCtx);
    if (s < best || first === undefined) {
      best = s;
      first = c;
      tied = 1;
      totalWeight = weightOf(c);
    } else if (s === best) {
      tied++;
      totalWeight += weightOf(c);
    }
  }
  if (first === undefined) throw new GatewayError("internal_error", "No deployment to balance between.");
  if (tied === 1) return first;
  let last = first;
  if (totalWeight > 0) {
    let r = random() * totalWeight;
    for (const c of candidates) {
      if (score(c, scoreCtx) !== best) continue;
      last = c;
      r -= weightOf(c);
      if (r < 0) return c;
    }
    return last; // floating-point rounding left r at 0
  }
  let k = Math.floor(random() * tied);
  for (const c of candidates) {
    if (score(c, scoreCtx) !== best) continue;
    if (k-- === 0) return c;
    last = c;
  }
  return last;
}

/** A weight as a share: negative or NaN weights count as zero. */
function weightOf(c: Balanceable): number {
  const w = c.deployment.weight;
  // biome-ignore lint/complexity/useMathMinMax: Math.max(NaN, 0) is NaN; a NaN weight must count as 0.
  return w > 0 ? w : 0;
}
