import fc from "fast-check";
import type { PendingUsage, UsageFinal, UsageRecord } from "../../store-types.js";
import { bucketStart, latencyBucket, type RollupGranularity, statusClass } from "../rollup-layout.js";
import type { UsageDimension, UsageSeriesRow } from "../usage-report-types.js";

/** A pending usage record with test defaults. */
export function pendingUsage(
  id: string,
  tenantId: string,
  startedAt: number,
  extra: Partial<PendingUsage> = {},
): PendingUsage {
  return {
    id,
    tenantId,
    workspaceId: "ws_a",
    apiKeyId: "key_a",
    userId: "usr_a",
    model: "gpt-4o",
    providerId: "prv_a",
    deploymentId: "dep_a",
    upstreamModel: "gpt-4o-2024-08-06",
    surface: "openai.chat",
    stream: false,
    startedAt,
    ...extra,
  };
}

/** A final with test defaults. */
export function usageFinal(id: string, extra: Partial<UsageFinal> = {}): UsageFinal {
  return {
    id,
    status: "success",
    httpStatus: 200,
    errorCode: null,
    inputTokens: 100,
    outputTokens: 20,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cacheWrite1hTokens: 0,
    imageTokens: 0,
    audioTokens: 0,
    usageEstimated: false,
    costNano: 1_000,
    priceVersion: "2026-11-01",
    unpriced: false,
    streamOutcome: null,
    finishedAt: 0,
    ttfbMs: 10,
    latencyMs: 120,
    attempts: [{ provider: "openai", status: 200, ms: 100 }],
    ...extra,
  };
}

/** One write the property test replays: a batch of pending records, or of finals. */
export type UsageWrite =
  | { kind: "pending"; records: PendingUsage[] }
  | { kind: "final"; finals: UsageFinal[] };

/**
 * Random write sequences over a few ids: pending records spread over ~3 days, finals of every status
 * (some for ids never inserted, some repeated, some before their pending record), in random batches.
 */
export function usageWritesArbitrary(tenantId: string, t0: number): fc.Arbitrary<UsageWrite[]> {
  const id = fc.integer({ min: 0, max: 24 }).map((n) => `req_${tenantId}_${n}`);
  const pick = <T>(...values: T[]) => fc.constantFrom(...values);
  const pending = fc.record({
    id,
    at: fc.integer({ min: 0, max: 3 * 86_400_000 }),
    workspaceId: pick("ws_a", "ws_b"),
    apiKeyId: pick("key_a", "key_b", "key_c"),
    userId: pick<string | null>("usr_a", null),
    model: pick("gpt-4o", "claude"),
    providerId: pick<string | null>("prv_a", "prv_b", null),
  });
  const final = fc.record({
    id,
    status: pick<UsageFinal["status"]>("success", "error", "interrupted"),
    httpStatus: pick<number | null>(200, 429, 502, null),
    inputTokens: fc.integer({ min: 0, max: 100_000 }),
    outputTokens: fc.integer({ min: 0, max: 10_000 }),
    cacheReadTokens: fc.integer({ min: 0, max: 1_000 }),
    cacheWriteTokens: fc.integer({ min: 0, max: 1_000 }),
    reasoningTokens: fc.integer({ min: 0, max: 1_000 }),
    costNano: fc.integer({ min: 0, max: 2_000_000_000 }),
    latencyMs: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
  });
  const write: fc.Arbitrary<UsageWrite> = fc.oneof(
    fc.array(pending, { minLength: 1, maxLength: 8 }).map((ps) => ({
      kind: "pending" as const,
      records: ps.map(({ id: rid, at, ...rest }) => pendingUsage(rid, tenantId, t0 + at, rest)),
    })),
    fc.array(final, { minLength: 1, maxLength: 8 }).map((fs) => ({
      kind: "final" as const,
      finals: fs.map(({ id: rid, ...rest }) => usageFinal(rid, rest)),
    })),
  );
  return fc.array(write, { minLength: 1, maxLength: 12 });
}

const FIELD: Record<UsageDimension, (r: UsageRecord) => string | null> = {
  workspace: (r) => r.workspaceId,
  key: (r) => r.apiKeyId,
  user: (r) => r.userId,
  model: (r) => r.model,
  provider: (r) => r.providerId,
  status_class: (r) => statusClass(r.httpStatus),
};

/**
 * The series the rollups must answer, computed the plain way: a GROUP BY over the finalized raw records.
 *
 * @example
 * expect(await analytics.series(q)).toEqual(expectedSeries(records, "hour", "model"));
 */
export function expectedSeries(
  records: UsageRecord[],
  granularity: RollupGranularity,
  groupBy?: UsageDimension,
): UsageSeriesRow[] {
  const rows = new Map<string, UsageSeriesRow>();
  for (const r of records) {
    if (r.status === "pending") continue;
    const at = bucketStart(r.startedAt, granularity);
    const group = groupBy === undefined ? undefined : FIELD[groupBy](r);
    const id = `${at}|${group ?? ""}`;
    let row = rows.get(id);
    if (row === undefined) {
      row = {
        bucketStart: at,
        ...(groupBy === undefined ? {} : { group }),
        requests: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costNano: 0,
        latency: new Array<number>(16).fill(0),
      };
      rows.set(id, row);
    }
    row.requests += 1;
    row.errors += r.status === "success" ? 0 : 1;
    row.inputTokens += r.inputTokens;
    row.outputTokens += r.outputTokens;
    row.cacheReadTokens += r.cacheReadTokens;
    row.cacheWriteTokens += r.cacheWriteTokens;
    row.reasoningTokens += r.reasoningTokens;
    row.costNano += r.costNano;
    const lat = latencyBucket(r.latencyMs);
    if (lat >= 0) row.latency[lat]! += 1;
  }
  return [...rows.values()].sort(
    (a, b) => a.bucketStart - b.bucketStart || String(a.group ?? "").localeCompare(String(b.group ?? "")),
  );
}
