import { z } from "zod";
import { Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { pageOf } from "./pagination.js";

const tag = "Usage";

/** What a chart can show; latency percentiles come from the rollups' fixed histogram (bucket upper bound). */
export const UsageMetric = z.enum([
  "requests",
  "errors",
  "tokens",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_nano",
  "latency_p50",
  "latency_p95",
  "latency_p99",
]);

export const UsageInterval = z.enum(["minute", "hour", "day"]);
export const UsageGroupBy = z.enum(["model", "provider", "key", "user", "workspace"]);

const Time = z.coerce.number().int().nonnegative();
/** The dimension filters shared by analytics, the log and the export. */
const DimensionFilters = {
  model: z.string().min(1).max(200).optional(),
  provider: Id.optional(),
  keyId: Id.optional(),
  userId: Id.optional(),
  workspaceId: Id.optional(),
};
/** A time range: `to` defaults to now, `from` to 24 hours before `to`. */
const Range = { from: Time.optional(), to: Time.optional() };

export const UsageTotalsSchema = z.object({
  requests: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  /** Integer nano-USD (1 USD = 1e9). */
  costNano: z.number().int(),
  /** Milliseconds, from the latency histogram; null when no request in range has a latency. */
  latencyP50: z.number().nullable(),
  latencyP95: z.number().nullable(),
  latencyP99: z.number().nullable(),
});

export const usageAnalytics = defineContract({
  id: "usage.analytics",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/analytics",
  tag,
  summary: "A metric as a time series, optionally one series per model, provider, key, user or workspace",
  description:
    "Read from the rollups only. The interval defaults by range (up to 6 hours: minute; up to 14 days: hour; " +
    "else day); a request for more than 1,500 points is refused. Grouped, the top `top` groups by spend " +
    "in the range get a series each. Workspace-scoped readers see their workspaces only.",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({
    metric: UsageMetric.default("requests"),
    interval: UsageInterval.optional(),
    groupBy: UsageGroupBy.optional(),
    top: z.coerce.number().int().min(1).max(20).default(10),
    ...Range,
    ...DimensionFilters,
  }),
  response: z.object({
    metric: UsageMetric,
    interval: UsageInterval,
    from: Timestamp,
    to: Timestamp,
    series: z.array(
      z.object({
        /** The group's value (a model name, a key id, …); null for "no user"/"no provider"; absent ungrouped. */
        group: z.string().nullable().optional(),
        points: z.array(z.object({ t: Timestamp, value: z.number().nullable() })),
      }),
    ),
  }),
});

export const usageTop = defineContract({
  id: "usage.top",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/top",
  tag,
  summary: "The top models, providers, keys, users or workspaces by spend in a range, with their totals",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({
    by: UsageGroupBy.default("model"),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    ...Range,
    ...DimensionFilters,
  }),
  response: z.object({
    from: Timestamp,
    to: Timestamp,
    items: z.array(UsageTotalsSchema.extend({ group: z.string().nullable() })),
  }),
});

export const usageSummary = defineContract({
  id: "usage.summary",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/summary",
  tag,
  summary: "Totals of a range: requests, errors, tokens by kind, cost and latency percentiles",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...Range, ...DimensionFilters }),
  response: UsageTotalsSchema.extend({ from: Timestamp, to: Timestamp, interval: UsageInterval }),
});

export const UsageStatus = z.enum(["pending", "success", "error", "interrupted"]);

export const UsageRecordSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  apiKeyId: z.string(),
  userId: z.string().nullable(),
  model: z.string(),
  providerId: z.string().nullable(),
  deploymentId: z.string().nullable(),
  upstreamModel: z.string().nullable(),
  surface: z.string(),
  stream: z.boolean(),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  status: UsageStatus,
  httpStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cacheReadTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  cacheWrite1hTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  imageTokens: z.number().int(),
  audioTokens: z.number().int(),
  usageEstimated: z.boolean(),
  costNano: z.number().int(),
  priceVersion: z.string().nullable(),
  unpriced: z.boolean(),
  streamOutcome: z.string().nullable(),
  ttfbMs: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
});

/** A record with its attempt chain (provider, deployment, status, ms per attempt). */
export const UsageRecordDetailSchema = UsageRecordSchema.extend({ attempts: z.array(z.unknown()) });

const LogFilters = { ...Range, ...DimensionFilters, status: UsageStatus.optional() };

export const listUsageLogs = defineContract({
  id: "usageLogs.list",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/logs",
  tag,
  summary: "The request log, newest first, filtered by time, model, key, user, workspace, status, provider",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    ...LogFilters,
  }),
  response: pageOf(UsageRecordSchema),
});

export const getUsageLog = defineContract({
  id: "usageLogs.get",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/logs/:requestId",
  tag,
  summary: "One request: its attempt chain, tokens by kind, cost and price version",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id, requestId: z.string().min(1).max(128) }),
  response: UsageRecordDetailSchema,
});

export const exportUsageLogs = defineContract({
  id: "usageLogs.export",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/logs/export",
  tag,
  summary: "The request log as CSV, streamed page by page (the filters of the log; range required)",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object(LogFilters),
  response: z.string(),
  produces: "text/csv",
});

export const UsageRetentionSchema = z.object({
  /** Days; null = keep forever. */
  rawDays: z.number().int().min(1).max(3650).nullable(),
  minuteDays: z.number().int().min(1).max(3650).nullable(),
  hourDays: z.number().int().min(1).max(3650).nullable(),
  dayDays: z.number().int().min(1).max(3650).nullable(),
});

export const getUsageRetention = defineContract({
  id: "usageRetention.get",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/retention",
  tag,
  summary: "How long raw records and each rollup granularity are kept (defaults: 90, 7, 90 days, forever)",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  response: UsageRetentionSchema,
});

export const updateUsageRetention = defineContract({
  id: "usageRetention.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/usage/retention",
  tag,
  summary: "Change how long usage is kept (the fields given; null = forever)",
  access: { permission: "tenant:update" },
  params: z.object({ tenantId: Id }),
  body: UsageRetentionSchema.partial().strict(),
  response: UsageRetentionSchema,
});

export const usageLive = defineContract({
  id: "usage.live",
  method: "GET",
  path: "/api/tenants/:tenantId/usage/live",
  tag,
  summary: "Server-sent events: a `usage` event whenever new usage lands for the tenant (at most every 2 s)",
  description:
    "A `text/event-stream` that stays open: a `ready` event first, then a `usage` event (data: " +
    '`{"at": <ms>}`) each time the rollups of the last 24 hours change in the workspaces the caller may ' +
    "read — re-read the analytics then — and a `: ping` comment every 15 s. The server ends the stream after " +
    "`maxSeconds` (so a client reconnects with a fresh token and its access is checked again) and at " +
    "shutdown; a tenant may hold 20 streams at once per instance (429 beyond). Browsers cannot send a " +
    "bearer token with EventSource: read it with fetch (the SDK's `client.events`).",
  access: { permission: "usage:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ maxSeconds: z.coerce.number().int().min(1).max(3600).default(300) }),
  response: z.string(),
  produces: "text/event-stream",
});

export const USAGE_CONTRACTS = [
  usageAnalytics,
  usageLive,
  usageTop,
  usageSummary,
  listUsageLogs,
  exportUsageLogs,
  getUsageLog,
  getUsageRetention,
  updateUsageRetention,
] as const;
