import { CompiledQuery, type Kysely } from "kysely";
import type { DB } from "./database.js";
import { uniqueById } from "./unique-by-id.js";
import { FINALIZED_RETURNING, rollupUpsertCtes } from "./usage/postgres-rollup-sql.js";
import type { UsageWriter } from "./usage-writer.js";

/**
 * One array parameter per column, spread into rows by `unnest`: the statement text is the same for every
 * batch size, no batch meets the 65,535-parameter limit, and a batch is one statement and one round trip. See https://www.postgresql.org/docs/current/functions-array.html (unnest with several arrays,
 * allowed in FROM) and https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT.
 * The table is partitioned by month (migration 0012), so its unique key is (id, started_at): a request's
 * started_at is fixed when its pending record is built (and a spool replay carries the same record), and
 * the NOT EXISTS keeps "a second insert of an id does nothing" true even for a different started_at.
 */
const INSERT_PENDING = `
  insert into usage_records (id, tenant_id, workspace_id, api_key_id, model, provider_id, deployment_id,
    upstream_model, surface, stream, started_at, user_id, status)
  select v.*, 'pending'
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::int[], $11::bigint[], $12::text[])
    as v (id, tenant_id, workspace_id, api_key_id, model, provider_id, deployment_id, upstream_model,
      surface, stream, started_at, user_id)
  where not exists (select 1 from usage_records u where u.id = v.id)
  on conflict (id, started_at) do nothing`;

/**
 * Only rows still 'pending' change: finalizing twice, or after the reconciler, changes nothing — and the
 * rollups grow from the RETURNING rows only, in the same statement, so a repeated final adds nothing.
 */
const FINALIZE = `
  with f as (
    update usage_records as u set status = v.status, http_status = v.http_status, error_code = v.error_code,
      input_tokens = v.input_tokens, output_tokens = v.output_tokens, cache_read_tokens = v.cache_read_tokens,
      cache_write_tokens = v.cache_write_tokens, reasoning_tokens = v.reasoning_tokens,
      usage_estimated = v.usage_estimated, cost_nano = v.cost_nano, finished_at = v.finished_at,
      ttfb_ms = v.ttfb_ms, attempts = v.attempts, cache_write_1h_tokens = v.cache_write_1h_tokens,
      image_tokens = v.image_tokens, audio_tokens = v.audio_tokens, price_version = v.price_version,
      unpriced = v.unpriced, stream_outcome = v.stream_outcome, latency_ms = v.latency_ms
    from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[],
      $9::int[], $10::int[], $11::bigint[], $12::bigint[], $13::int[], $14::text[], $15::int[], $16::int[],
      $17::int[], $18::text[], $19::int[], $20::text[], $21::int[])
      as v (id, status, http_status, error_code, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, reasoning_tokens, usage_estimated, cost_nano, finished_at, ttfb_ms, attempts,
        cache_write_1h_tokens, image_tokens, audio_tokens, price_version, unpriced, stream_outcome, latency_ms)
    where u.id = v.id and u.status = 'pending'
    returning ${FINALIZED_RETURNING}
  ),
  ${rollupUpsertCtes("f")}
  select count(*) as finalized from f`;

/**
 * PostgreSQL's usage writer: each batch is one statement with one array per column, whatever its size,
 * so it is atomic without an explicit transaction.
 *
 * @example
 * await createPostgresUsageWriter(db).finalize(finals);
 */
export function createPostgresUsageWriter(db: Kysely<DB>): UsageWriter {
  return {
    async insertPending(records) {
      const rows = uniqueById(records);
      if (rows.length === 0) return;
      const params = [
        rows.map((r) => r.id),
        rows.map((r) => r.tenantId),
        rows.map((r) => r.workspaceId),
        rows.map((r) => r.apiKeyId),
        rows.map((r) => r.model),
        rows.map((r) => r.providerId),
        rows.map((r) => r.deploymentId),
        rows.map((r) => r.upstreamModel),
        rows.map((r) => r.surface),
        rows.map((r) => (r.stream ? 1 : 0)),
        rows.map((r) => r.startedAt),
        rows.map((r) => r.userId),
      ];
      await db.executeQuery(CompiledQuery.raw(INSERT_PENDING, params));
    },
    async finalize(finals) {
      const rows = uniqueById(finals);
      if (rows.length === 0) return;
      const params = [
        rows.map((f) => f.id),
        rows.map((f) => f.status),
        rows.map((f) => f.httpStatus),
        rows.map((f) => f.errorCode),
        rows.map((f) => f.inputTokens),
        rows.map((f) => f.outputTokens),
        rows.map((f) => f.cacheReadTokens),
        rows.map((f) => f.cacheWriteTokens),
        rows.map((f) => f.reasoningTokens),
        rows.map((f) => (f.usageEstimated ? 1 : 0)),
        rows.map((f) => f.costNano),
        rows.map((f) => f.finishedAt),
        rows.map((f) => f.ttfbMs),
        rows.map((f) => JSON.stringify(f.attempts)),
        rows.map((f) => f.cacheWrite1hTokens),
        rows.map((f) => f.imageTokens),
        rows.map((f) => f.audioTokens),
        rows.map((f) => f.priceVersion),
        rows.map((f) => (f.unpriced ? 1 : 0)),
        rows.map((f) => f.streamOutcome),
        rows.map((f) => f.latencyMs),
      ];
      await db.executeQuery(CompiledQuery.raw(FINALIZE, params));
    },
  };
}
