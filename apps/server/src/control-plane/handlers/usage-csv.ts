import type { UsageRecord } from "../../store/store-types.js";

/** The export's columns, in order (docs/usage-storage.md). */
export const USAGE_CSV_COLUMNS = [
  "started_at",
  "request_id",
  "status",
  "http_status",
  "error_code",
  "workspace_id",
  "api_key_id",
  "user_id",
  "model",
  "provider_id",
  "upstream_model",
  "surface",
  "stream",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_nano",
  "price_version",
  "latency_ms",
  "ttfb_ms",
] as const;

/**
 * One record as a CSV line (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): quoted when it holds a
 * comma, quote or line break; a leading quote for cells a spreadsheet would run as a formula (CSV
 * injection: a model name is client-chosen text).
 *
 * @example
 * usageCsvRow(record); // "2026-12-06T05:00:00.000Z,req_1,success,200,,ws_…"
 */
export function usageCsvRow(r: UsageRecord): string {
  const cells = [
    new Date(r.startedAt).toISOString(),
    r.id,
    r.status,
    r.httpStatus,
    r.errorCode,
    r.workspaceId,
    r.apiKeyId,
    r.userId,
    r.model,
    r.providerId,
    r.upstreamModel,
    r.surface,
    r.stream ? "true" : "false",
    r.inputTokens,
    r.outputTokens,
    r.cacheReadTokens,
    r.cacheWriteTokens,
    r.reasoningTokens,
    r.costNano,
    r.priceVersion,
    r.latencyMs,
    r.ttfbMs,
  ];
  return cells.map((c) => csvCell(c === null ? "" : String(c))).join(",");
}

function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
