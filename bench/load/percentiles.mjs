// Percentiles of latency samples, nearest-rank on the sorted samples.

/** The `p`-th percentile (0–100) of `sorted` (ascending), nearest rank; NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Summary of `values` (any order): count, p50, p90, p99, max, mean.
 *
 * @example
 * summarize([3, 1, 2]).p50 // 2
 */
export function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  const mean = sorted.length === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1],
    mean,
  };
}
