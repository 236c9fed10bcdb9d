/**
 * The shape of the usage rollups (migration 0012), shared by both usage writers and the analytics reads:
 * one table per granularity, keyed by the bucket's start and every dimension a chart can slice by, holding
 * counters and a fixed latency histogram, so percentiles come from rollups and charts never read raw rows.
 */

/** A rollup granularity and its bucket width in ms (UTC-aligned: a day starts at 00:00 UTC). */
export const ROLLUP_GRANULARITIES = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
} as const;

export type RollupGranularity = keyof typeof ROLLUP_GRANULARITIES;

/**
 * Upper bounds (inclusive, ms) of the latency histogram's buckets; a 16th bucket holds everything above
 * the last bound. Fixed forever: changing them would mix incompatible histograms in one table.
 */
export const LATENCY_BOUNDS_MS = [
  50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000,
] as const;

/** The histogram's columns: lat_00 … lat_15. */
export const LATENCY_COLUMNS: readonly string[] = Array.from(
  { length: LATENCY_BOUNDS_MS.length + 1 },
  (_, i) => `lat_${String(i).padStart(2, "0")}`,
);

/** Every dimension a rollup row may be keyed by. Null user/provider are stored as "" (key columns are NOT NULL). */
export type RollupDimension =
  | "workspace_id"
  | "api_key_id"
  | "user_id"
  | "model"
  | "provider_id"
  | "status_class";

/** The coarse rollups' dimensions: few values per tenant, so a bucket holds few rows (charts read fast). */
const COARSE: readonly RollupDimension[] = ["workspace_id", "model", "provider_id", "status_class"];
/** The keyed rollups add the key and the user: many values, so only hour and day buckets carry them. */
const KEYED: readonly RollupDimension[] = [
  "workspace_id",
  "api_key_id",
  "user_id",
  "model",
  "provider_id",
  "status_class",
];

/** One rollup table: its granularity and the dimensions its rows are keyed by (after tenant and bucket). */
export interface RollupTable {
  name: string;
  granularity: RollupGranularity;
  dimensions: readonly RollupDimension[];
}

/**
 * The rollup tables (migration 0012). The coarse family answers every chart that neither groups nor
 * filters by key or user, from few rows; the keyed family answers those, per hour or day (a minute
 * chart by key is served per hour). Each final adds to all five, in its own transaction.
 */
export const ROLLUP_TABLES: readonly RollupTable[] = [
  { name: "usage_rollup_minute", granularity: "minute", dimensions: COARSE },
  { name: "usage_rollup_hour", granularity: "hour", dimensions: COARSE },
  { name: "usage_rollup_day", granularity: "day", dimensions: COARSE },
  { name: "usage_rollup_hour_keys", granularity: "hour", dimensions: KEYED },
  { name: "usage_rollup_day_keys", granularity: "day", dimensions: KEYED },
];

/**
 * The table a query reads: the coarse one of its granularity, or the keyed one when it needs the key or
 * user dimension (at least hourly).
 *
 * @example
 * rollupTableFor("minute", true).name; // "usage_rollup_hour_keys"
 */
export function rollupTableFor(granularity: RollupGranularity, needsKeys: boolean): RollupTable {
  const g = needsKeys && granularity === "minute" ? "hour" : granularity;
  return ROLLUP_TABLES.find((t) => t.granularity === g && (t.dimensions === KEYED) === needsKeys)!;
}

/** A table's primary key columns, in order. */
export function rollupKey(table: RollupTable): string[] {
  return ["tenant_id", "bucket_start", ...table.dimensions];
}

/** The counters every rollup row sums (besides the histogram). */
export const ROLLUP_COUNTERS = [
  "requests",
  "errors",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_nano",
] as const;

export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

/**
 * The histogram bucket of a latency: 0 for ≤ 50 ms … 15 above 60 s; -1 when unknown (not counted).
 *
 * @example
 * latencyBucket(120); // 2 (≤ 200 ms)
 */
export function latencyBucket(latencyMs: number | null): number {
  if (latencyMs === null) return -1;
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (latencyMs <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}

/**
 * The status class a rollup row is keyed by: the HTTP status's hundreds ("2xx", "4xx", "5xx"), or "none"
 * when the record has no HTTP status (interrupted before the upstream answered).
 *
 * @example
 * statusClass(429); // "4xx"
 */
export function statusClass(httpStatus: number | null): string {
  if (httpStatus === null || httpStatus < 100 || httpStatus > 599) return "none";
  return `${Math.floor(httpStatus / 100)}xx`;
}

/** The start of the bucket holding `at` (ms). */
export function bucketStart(at: number, granularity: RollupGranularity): number {
  const width = ROLLUP_GRANULARITIES[granularity];
  return at - (((at % width) + width) % width);
}

/** SQL for {@link latencyBucket} over a column, the same on both dialects. */
export function latencyBucketSql(column: string): string {
  const arms = LATENCY_BOUNDS_MS.map((bound, i) => `when ${column} <= ${bound} then ${i}`).join(" ");
  return `case when ${column} is null then -1 ${arms} else ${LATENCY_BOUNDS_MS.length} end`;
}

/** SQL for {@link statusClass} over a column, the same on both dialects. */
export function statusClassSql(column: string): string {
  return `case when ${column} between 100 and 599 then cast(${column} / 100 as text) || 'xx' else 'none' end`;
}
