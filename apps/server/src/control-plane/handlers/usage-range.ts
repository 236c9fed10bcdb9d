import { GatewayError } from "@gatehouse/protocol";
import {
  bucketStart,
  ROLLUP_GRANULARITIES,
  type RollupGranularity,
} from "../../store/usage/rollup-layout.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Most points one series may have. */
export const MAX_POINTS = 1_500;

/** A resolved analytics range: bucket-aligned [from, to) and its interval. */
export interface UsageRange {
  from: number;
  to: number;
  interval: RollupGranularity;
  points: number;
}

/**
 * The range and interval of an analytics request: `to` defaults to now and `from` to a day earlier; the
 * interval, when not given, follows the range (≤ 6 h: minute, ≤ 14 days: hour, else day); both ends are
 * aligned out to whole buckets. A query by key or user (`needsKeys`) is at least hourly: those dimensions
 * are rolled up per hour and day only. More than {@link MAX_POINTS} points, or `from` not before `to`,
 * is a 400.
 *
 * @example
 * resolveUsageRange({ from: t - 3_600_000, to: t }, t).interval; // "minute"
 */
export function resolveUsageRange(
  query: { from?: number | undefined; to?: number | undefined; interval?: RollupGranularity | undefined },
  now: number,
  needsKeys = false,
): UsageRange {
  const to = query.to ?? now;
  const from = query.from ?? Math.max(0, to - DAY);
  if (from >= to) throw new GatewayError("invalid_request", "query.from: must be before `to`.");
  const span = to - from;
  const chosen = query.interval ?? (span <= 6 * HOUR ? "minute" : span <= 14 * DAY ? "hour" : "day");
  const interval = needsKeys && chosen === "minute" ? "hour" : chosen;
  const width = ROLLUP_GRANULARITIES[interval];
  const start = bucketStart(from, interval);
  const end = bucketStart(to - 1, interval) + width;
  const points = (end - start) / width;
  if (points > MAX_POINTS) {
    throw new GatewayError(
      "invalid_request",
      `query.interval: ${points} ${interval} points asked for; at most ${MAX_POINTS} (use a longer interval).`,
    );
  }
  return { from: start, to: end, interval, points };
}
