/** The request log's filters as the URL holds them, and how they become the API's query. */

/** The URL keys of the log's filters (shareable links: `?model=gpt-4o&status=error&range=7d`). */
export const LOG_FILTER_KEYS = [
  "range",
  "model",
  "provider",
  "keyId",
  "userId",
  "workspaceId",
  "status",
] as const;
export type LogFilterKey = (typeof LOG_FILTER_KEYS)[number];
export type LogFilterValues = Record<LogFilterKey, string | undefined>;

const HOUR = 3_600_000;
/** The time ranges one can pick, newest first from now. */
export const LOG_RANGES = [
  { value: "1h", label: "Last hour", ms: HOUR },
  { value: "24h", label: "Last 24 hours", ms: 24 * HOUR },
  { value: "7d", label: "Last 7 days", ms: 7 * 24 * HOUR },
  { value: "30d", label: "Last 30 days", ms: 30 * 24 * HOUR },
  { value: "90d", label: "Last 90 days", ms: 90 * 24 * HOUR },
] as const;
export const DEFAULT_RANGE = "24h";

export const LOG_STATUSES = ["success", "error", "interrupted", "pending"] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];

/** The range's length in ms (an unknown value falls back to the default). */
export function rangeMs(range: string | undefined): number {
  return (LOG_RANGES.find((r) => r.value === range) ?? LOG_RANGES.find((r) => r.value === DEFAULT_RANGE)!).ms;
}

/** The API query of the filters at `now`: `from` is the range's start, every other filter as given. */
export function logQuery(f: LogFilterValues, now: number) {
  const status = LOG_STATUSES.find((s) => s === f.status);
  return {
    from: now - rangeMs(f.range),
    to: now,
    ...(f.model ? { model: f.model } : {}),
    ...(f.provider ? { provider: f.provider } : {}),
    ...(f.keyId ? { keyId: f.keyId } : {}),
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.workspaceId ? { workspaceId: f.workspaceId } : {}),
    ...(status ? { status } : {}),
  };
}
