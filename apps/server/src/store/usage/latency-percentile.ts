import { LATENCY_BOUNDS_MS } from "./rollup-layout.js";

/**
 * A latency percentile from a rollup histogram (rollup-layout.ts): the upper bound of the bucket holding
 * the p-th request, so "p95 = 750" reads "95% of requests took at most 750 ms". The open last bucket
 * answers its lower bound (60,000: "over a minute"). Null when the histogram is empty.
 *
 * @example
 * latencyPercentile([0, 90, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.95); // 200
 */
export function latencyPercentile(histogram: readonly number[], p: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return LATENCY_BOUNDS_MS[Math.min(i, LATENCY_BOUNDS_MS.length - 1)]!;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
}
