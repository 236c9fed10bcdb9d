import type { RollupGranularity } from "./rollup-layout.js";

/** What analytics can group and filter by; each is a rollup dimension. */
export type UsageDimension = "workspace" | "key" | "user" | "model" | "provider" | "status_class";

/** The rollup column of each dimension. */
export const DIMENSION_COLUMNS = {
  workspace: "workspace_id",
  key: "api_key_id",
  user: "user_id",
  model: "model",
  provider: "provider_id",
  status_class: "status_class",
} as const satisfies Record<UsageDimension, string>;

/** Equality filters (any of the values) on dimensions. */
export type UsageFilters = Partial<Record<UsageDimension, readonly string[]>>;

export interface UsageSeriesQuery {
  granularity: RollupGranularity;
  /** Bucket starts in [from, to), Unix ms. */
  from: number;
  to: number;
  groupBy?: UsageDimension;
  filters?: UsageFilters;
  /** At most this many rows (buckets × groups) are read; the caller bounds the range. */
  limit: number;
}

/** Sums over some rollup rows. `latency` is the 16-bucket histogram (rollup-layout.ts). */
export interface UsageTotals {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNano: number;
  latency: number[];
}

export interface UsageSeriesRow extends UsageTotals {
  bucketStart: number;
  /** The group's value when grouped (null for a record without user or provider). */
  group?: string | null;
}

export interface UsageTopQuery {
  granularity: RollupGranularity;
  from: number;
  to: number;
  by: UsageDimension;
  filters?: UsageFilters;
  limit: number;
}

export interface UsageTopRow extends UsageTotals {
  group: string | null;
}

/** Filters of the request log; every one is backed by an index (migration 0012). */
export interface UsageLogQuery {
  from?: number;
  to?: number;
  model?: string;
  apiKeyId?: string;
  userId?: string;
  workspaceIds?: readonly string[];
  status?: string;
  providerId?: string;
  /** 1–1000. */
  limit: number;
  cursor?: string;
}

/** A tenant's usage retention in days; null = keep forever. */
export interface UsageRetention {
  rawDays: number | null;
  minuteDays: number | null;
  hourDays: number | null;
  dayDays: number | null;
}

/** The documented defaults (docs/usage-storage.md). */
export const DEFAULT_USAGE_RETENTION: UsageRetention = {
  rawDays: 90,
  minuteDays: 7,
  hourDays: 90,
  dayDays: null,
};

export type { RollupGranularity };
