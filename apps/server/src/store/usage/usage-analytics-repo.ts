import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB, UsageRollupTable } from "../database.js";
import { LATENCY_COLUMNS, rollupTableFor } from "./rollup-layout.js";
import {
  DIMENSION_COLUMNS,
  type UsageDimension,
  type UsageFilters,
  type UsageSeriesQuery,
  type UsageSeriesRow,
  type UsageTopQuery,
  type UsageTopRow,
  type UsageTotals,
} from "./usage-report-types.js";

/** Ceiling of rows one analytics read returns, whatever the caller asks. */
const MAX_ROWS = 10_000;

type RollupTableName = "usage_rollup_minute";

/**
 * Whether a query needs the keyed rollups (grouped or filtered by key or user); those are hourly at
 * finest, so a minute query of that kind is answered per hour.
 *
 * @example
 * needsKeyedRollups("user", {}); // true
 */
export function needsKeyedRollups(
  groupBy: UsageDimension | undefined,
  filters: UsageFilters | undefined,
): boolean {
  return groupBy === "key" || groupBy === "user" || filters?.key !== undefined || filters?.user !== undefined;
}

/** Sums as bigint so PostgreSQL answers int8 (parsed to numbers), not numeric strings. */
const SUMS = [
  ["requests", "requests"],
  ["errors", "errors"],
  ["input_tokens", "input_tokens"],
  ["output_tokens", "output_tokens"],
  ["cache_read_tokens", "cache_read_tokens"],
  ["cache_write_tokens", "cache_write_tokens"],
  ["reasoning_tokens", "reasoning_tokens"],
  ["cost_nano", "cost_nano"],
  ...LATENCY_COLUMNS.map((c) => [c, c]),
].map(([column, alias]) => sql<number>`cast(sum(${sql.ref(column!)}) as bigint)`.as(alias!));

/**
 * A tenant's analytics, read only from the rollup tables (a chart never scans raw records): time series
 * grouped by one dimension, and the top groups by spend. Every read is on the rollup's primary key prefix
 * (tenant, bucket) and bounded.
 *
 * @example
 * const rows = await createUsageAnalyticsRepo(db, tenantId).series({ granularity: "hour",
 *   from: t0, to: t1, groupBy: "model", limit: 1000 });
 */
export function createUsageAnalyticsRepo(db: Kysely<DB>, tenantId: string) {
  const base = (
    granularity: UsageSeriesQuery["granularity"],
    from: number,
    to: number,
    filters: UsageFilters | undefined,
    groupBy: UsageDimension | undefined,
  ) =>
    db
      // Typed as one table: the queries name dimension columns through sql.ref, checked by needsKeyedRollups.
      .selectFrom(rollupTableFor(granularity, needsKeyedRollups(groupBy, filters)).name as RollupTableName)
      .where("tenant_id", "=", tenantId)
      .where("bucket_start", ">=", from)
      .where("bucket_start", "<", to)
      .where((eb) => eb.and(filterExpressions(filters, (column, values) => eb(column, "in", values))));
  return {
    async series(query: UsageSeriesQuery): Promise<UsageSeriesRow[]> {
      const limit = clamp(query.limit);
      const q = base(query.granularity, query.from, query.to, query.filters, query.groupBy)
        .select(SUMS)
        .select("bucket_start");
      const rows = await (query.groupBy === undefined
        ? q.groupBy("bucket_start").orderBy("bucket_start")
        : q
            .select(sql.ref<string>(DIMENSION_COLUMNS[query.groupBy]).as("grp"))
            .groupBy(["bucket_start", DIMENSION_COLUMNS[query.groupBy]])
            .orderBy("bucket_start")
            .orderBy(DIMENSION_COLUMNS[query.groupBy])
      )
        .limit(limit)
        .execute();
      return rows.map((row) => {
        const r = row as unknown as Record<string, number | string>;
        return {
          bucketStart: Number(r.bucket_start),
          ...(query.groupBy === undefined ? {} : { group: nullIfEmpty(r.grp as string) }),
          ...toTotals(r),
        };
      });
    },
    async top(query: UsageTopQuery): Promise<UsageTopRow[]> {
      const column = DIMENSION_COLUMNS[query.by];
      const rows = await base(query.granularity, query.from, query.to, query.filters, query.by)
        .select(SUMS)
        .select(sql.ref<string>(column).as("grp"))
        .groupBy(column)
        .orderBy(sql`cast(sum(cost_nano) as bigint)`, "desc")
        .orderBy(column)
        .limit(Math.min(clamp(query.limit), 1000))
        .execute();
      return rows.map((row) => {
        const r = row as unknown as Record<string, number | string>;
        return { group: nullIfEmpty(r.grp as string), ...toTotals(r) };
      });
    },
  };
}

function filterExpressions(
  filters: UsageFilters | undefined,
  make: (column: keyof UsageRollupTable & string, values: string[]) => Expression<SqlBool>,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [dimension, values] of Object.entries(filters ?? {})) {
    if (values === undefined) continue;
    const column = DIMENSION_COLUMNS[dimension as keyof typeof DIMENSION_COLUMNS];
    // An empty list matches nothing (a workspace reader with no workspace sees nothing).
    out.push(
      values.length === 0
        ? sql<SqlBool>`1 = 0`
        : make(
            column,
            values.map((v) => v ?? ""),
          ),
    );
  }
  return out;
}

function toTotals(r: Record<string, number | string>): UsageTotals {
  return {
    requests: Number(r.requests),
    errors: Number(r.errors),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    cacheReadTokens: Number(r.cache_read_tokens),
    cacheWriteTokens: Number(r.cache_write_tokens),
    reasoningTokens: Number(r.reasoning_tokens),
    costNano: Number(r.cost_nano),
    latency: LATENCY_COLUMNS.map((c) => Number(r[c])),
  };
}

function nullIfEmpty(value: string): string | null {
  return value === "" ? null : value;
}

function clamp(limit: number): number {
  return Math.min(MAX_ROWS, Math.max(1, Math.floor(limit) || 1));
}

export type UsageAnalyticsRepo = ReturnType<typeof createUsageAnalyticsRepo>;
