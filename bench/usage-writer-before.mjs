// The usage writers as they were before migration 0012 (commit 47f1ab3: no rollups, no RETURNING, the
// unpartitioned table's ON CONFLICT (id)), kept only so bench/usage-storage.mjs can measure the hot
// path's cost of rollups and partitions on the same machine in the same run.

export const SQLITE_INSERT = `
  insert into usage_records (id, tenant_id, workspace_id, api_key_id, user_id, model, provider_id,
    deployment_id, upstream_model, surface, stream, started_at, status)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
  on conflict (id) do nothing`;

export const SQLITE_FINALIZE = `
  update usage_records set status = ?, http_status = ?, error_code = ?, input_tokens = ?, output_tokens = ?,
    cache_read_tokens = ?, cache_write_tokens = ?, reasoning_tokens = ?, usage_estimated = ?, cost_nano = ?,
    finished_at = ?, ttfb_ms = ?, attempts = ?, cache_write_1h_tokens = ?, image_tokens = ?, audio_tokens = ?,
    price_version = ?, unpriced = ?, stream_outcome = ?, latency_ms = ?
  where id = ? and status = 'pending'`;

export const PG_INSERT = `
  insert into usage_records (id, tenant_id, workspace_id, api_key_id, model, provider_id, deployment_id,
    upstream_model, surface, stream, started_at, user_id, status)
  select v.*, 'pending'
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::int[], $11::bigint[], $12::text[])
    as v (id, tenant_id, workspace_id, api_key_id, model, provider_id, deployment_id, upstream_model,
      surface, stream, started_at, user_id)
  on conflict (id) do nothing`;

export const PG_FINALIZE = `
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
  where u.id = v.id and u.status = 'pending'`;

/** The pending half's parameters, PostgreSQL's column arrays (the writer's order). */
export function pgPendingParams(rows) {
  return [
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
}

/** The final half's parameters, PostgreSQL's column arrays (the writer's order). */
export function pgFinalParams(rows) {
  const col = (f) => rows.map(f);
  return [
    col((f) => f.id),
    col((f) => f.status),
    col((f) => f.httpStatus),
    col((f) => f.errorCode),
    col((f) => f.inputTokens),
    col((f) => f.outputTokens),
    col((f) => f.cacheReadTokens),
    col((f) => f.cacheWriteTokens),
    col((f) => f.reasoningTokens),
    col((f) => (f.usageEstimated ? 1 : 0)),
    col((f) => f.costNano),
    col((f) => f.finishedAt),
    col((f) => f.ttfbMs),
    col((f) => JSON.stringify(f.attempts)),
    col((f) => f.cacheWrite1hTokens),
    col((f) => f.imageTokens),
    col((f) => f.audioTokens),
    col((f) => f.priceVersion),
    col((f) => (f.unpriced ? 1 : 0)),
    col((f) => f.streamOutcome),
    col((f) => f.latencyMs),
  ];
}

/** The same arrays as SQLite statement arguments. */
export const sqlitePendingArgs = (r) => [
  r.id,
  r.tenantId,
  r.workspaceId,
  r.apiKeyId,
  r.userId,
  r.model,
  r.providerId,
  r.deploymentId,
  r.upstreamModel,
  r.surface,
  r.stream ? 1 : 0,
  r.startedAt,
];
export const sqliteFinalArgs = (f) => [
  f.status,
  f.httpStatus,
  f.errorCode,
  f.inputTokens,
  f.outputTokens,
  f.cacheReadTokens,
  f.cacheWriteTokens,
  f.reasoningTokens,
  f.usageEstimated ? 1 : 0,
  f.costNano,
  f.finishedAt,
  f.ttfbMs,
  JSON.stringify(f.attempts),
  f.cacheWrite1hTokens,
  f.imageTokens,
  f.audioTokens,
  f.priceVersion,
  f.unpriced ? 1 : 0,
  f.streamOutcome,
  f.latencyMs,
  f.id,
];
