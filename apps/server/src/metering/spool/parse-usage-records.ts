import type { PendingUsage, UsageFinal } from "../../store/store-types.js";

type Fields = Record<string, unknown>;

const FINAL_STATUSES: ReadonlySet<unknown> = new Set(["success", "error", "interrupted"]);
const STREAM_OUTCOMES: ReadonlySet<unknown> = new Set(["completed", "client_closed", "cut"]);

/**
 * A pending record read back from JSON, or undefined when a field is missing or of the wrong type. Only
 * the record's own fields are kept. The checks are those the usage table's NOT NULL columns need, so a
 * record that passes is one the writer's insert accepts: one bad line never fails a whole batch.
 *
 * @example
 * parsePendingUsage(JSON.parse(text)) ?? skip();
 */
export function parsePendingUsage(value: unknown): PendingUsage | undefined {
  if (!isObject(value)) return undefined;
  const v = value;
  if (
    !isText(v.id) ||
    !isText(v.tenantId) ||
    !isText(v.workspaceId) ||
    !isText(v.apiKeyId) ||
    !isTextOrAbsent(v.userId) ||
    typeof v.model !== "string" ||
    !isTextOrNull(v.providerId) ||
    !isTextOrNull(v.deploymentId) ||
    !isTextOrNull(v.upstreamModel) ||
    typeof v.surface !== "string" ||
    typeof v.stream !== "boolean" ||
    !isNumber(v.startedAt)
  )
    return undefined;
  return {
    id: v.id,
    tenantId: v.tenantId,
    workspaceId: v.workspaceId,
    apiKeyId: v.apiKeyId,
    userId: v.userId ?? null,
    model: v.model,
    providerId: v.providerId,
    deploymentId: v.deploymentId,
    upstreamModel: v.upstreamModel,
    surface: v.surface,
    stream: v.stream,
    startedAt: v.startedAt,
  };
}

/** A final record read back from JSON, or undefined; see {@link parsePendingUsage}. */
export function parseUsageFinal(value: unknown): UsageFinal | undefined {
  if (!isObject(value)) return undefined;
  const v = value;
  if (
    !isText(v.id) ||
    !FINAL_STATUSES.has(v.status) ||
    !isNumberOrNull(v.httpStatus) ||
    !isTextOrNull(v.errorCode) ||
    !isNumber(v.inputTokens) ||
    !isNumber(v.outputTokens) ||
    !isNumber(v.cacheReadTokens) ||
    !isNumber(v.cacheWriteTokens) ||
    !isNumber(v.reasoningTokens) ||
    typeof v.usageEstimated !== "boolean" ||
    !isNumber(v.costNano) ||
    !isNumber(v.finishedAt) ||
    !isNumberOrNull(v.ttfbMs) ||
    !Array.isArray(v.attempts) ||
    !isNumberOrAbsent(v.cacheWrite1hTokens) ||
    !isNumberOrAbsent(v.imageTokens) ||
    !isNumberOrAbsent(v.audioTokens) ||
    !isTextOrAbsent(v.priceVersion) ||
    !(v.unpriced === undefined || typeof v.unpriced === "boolean") ||
    !(v.streamOutcome === undefined || v.streamOutcome === null || STREAM_OUTCOMES.has(v.streamOutcome)) ||
    !isNumberOrAbsent(v.latencyMs)
  )
    return undefined;
  return {
    id: v.id,
    status: v.status as UsageFinal["status"],
    httpStatus: v.httpStatus,
    errorCode: v.errorCode,
    inputTokens: v.inputTokens,
    outputTokens: v.outputTokens,
    cacheReadTokens: v.cacheReadTokens,
    cacheWriteTokens: v.cacheWriteTokens,
    reasoningTokens: v.reasoningTokens,
    usageEstimated: v.usageEstimated,
    costNano: v.costNano,
    finishedAt: v.finishedAt,
    ttfbMs: v.ttfbMs,
    attempts: v.attempts as unknown[],
    // Lines spooled before migration 0007 lack these; they read as nothing reported.
    cacheWrite1hTokens: v.cacheWrite1hTokens ?? 0,
    imageTokens: v.imageTokens ?? 0,
    audioTokens: v.audioTokens ?? 0,
    priceVersion: v.priceVersion ?? null,
    unpriced: v.unpriced ?? false,
    streamOutcome: (v.streamOutcome ?? null) as UsageFinal["streamOutcome"],
    latencyMs: v.latencyMs ?? null,
  };
}

function isObject(v: unknown): v is Fields {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Ids are never empty: an empty id would collide with every other empty id. */
function isText(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

function isTextOrNull(v: unknown): v is string | null {
  return v === null || typeof v === "string";
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function isNumberOrNull(v: unknown): v is number | null {
  return v === null || isNumber(v);
}

function isNumberOrAbsent(v: unknown): v is number | null | undefined {
  return v === undefined || isNumberOrNull(v);
}

function isTextOrAbsent(v: unknown): v is string | null | undefined {
  return v === undefined || isTextOrNull(v);
}
