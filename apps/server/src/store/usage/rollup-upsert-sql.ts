import {
  LATENCY_COLUMNS,
  latencyBucketSql,
  ROLLUP_COUNTERS,
  ROLLUP_GRANULARITIES,
  type RollupTable,
  rollupKey,
  statusClassSql,
} from "./rollup-layout.js";

/**
 * The columns the rollups need of a finalized record, over the usage_records alias `u`: the dimensions
 * (null user and provider as ""), the status class, the counters and the latency bucket. PostgreSQL's
 * finalize RETURNs them; SQLite's selects them back by the ids its finalize changed.
 */
export const FINALIZED_COLUMNS = `u.tenant_id, u.workspace_id, u.api_key_id, coalesce(u.user_id, '') as user_id,
  u.model, coalesce(u.provider_id, '') as provider_id, ${statusClassSql("u.http_status")} as status_class,
  u.started_at, u.status, u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens,
  u.reasoning_tokens, u.cost_nano, ${latencyBucketSql("u.latency_ms")} as lat`;

/**
 * The upsert adding the finalized rows of `source` (rows shaped by {@link FINALIZED_COLUMNS}) to one
 * rollup table, the same text on both dialects: grouped, so each rollup row is touched once per
 * statement (PostgreSQL's ON CONFLICT DO UPDATE refuses to touch a row twice) and the database does the
 * folding; ordered by key, so concurrent writers lock rows in one order. `where true` is SQLite's
 * required guard against the upsert's parsing ambiguity after a SELECT.
 * See https://www.postgresql.org/docs/15/sql-insert.html#SQL-ON-CONFLICT and
 * https://www.sqlite.org/lang_upsert.html.
 *
 * @example
 * rollupUpsertSql("finalized", ROLLUP_TABLES[0]); // "insert into usage_rollup_minute (...) select ... on conflict ..."
 */
export function rollupUpsertSql(source: string, table: RollupTable): string {
  const width = ROLLUP_GRANULARITIES[table.granularity];
  const counters = [
    "count(*)",
    "sum(case when status <> 'success' then 1 else 0 end)",
    ...ROLLUP_COUNTERS.slice(2).map((c) => `sum(${c})`),
    ...LATENCY_COLUMNS.map((_, i) => `sum(case when lat = ${i} then 1 else 0 end)`),
  ];
  const keys = ["tenant_id", `started_at - started_at % ${width}`, ...table.dimensions];
  const positions = keys.map((_, i) => i + 1).join(", ");
  const columns = [...rollupKey(table), ...ROLLUP_COUNTERS, ...LATENCY_COLUMNS];
  const sums = [...ROLLUP_COUNTERS, ...LATENCY_COLUMNS].map(
    (c) => `${c} = ${table.name}.${c} + excluded.${c}`,
  );
  return `insert into ${table.name} (${columns.join(", ")})
    select ${[...keys, ...counters].join(", ")} from ${source} where true
    group by ${positions} order by ${positions}
    on conflict (${rollupKey(table).join(", ")}) do update set ${sums.join(", ")}`;
}
