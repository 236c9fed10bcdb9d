import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { latencyPercentile } from "../../store/usage/latency-percentile.js";
import { needsKeyedRollups } from "../../store/usage/usage-analytics-repo.js";
import type { UsageDimension, UsageTotals } from "../../store/usage/usage-report-types.js";
import {
  accessIn,
  audit,
  type CallContext,
  type ControlPlaneDeps,
  requireTenantWide,
} from "./control-plane-deps.js";
import { resolveUsageRange } from "./usage-range.js";
import { usageFilters } from "./usage-scope.js";

type Metric = ParsedQuery<typeof C.usageAnalytics>["metric"];
type GroupBy = NonNullable<ParsedQuery<typeof C.usageAnalytics>["groupBy"]>;

/** Most rollup rows one analytics answer reads (points × groups). */
const MAX_ROWS = 20_000;

/**
 * Usage analytics (time series, top-N by spend, range totals) read from the rollups only, and the
 * tenant's retention setting. Workspace-scoped readers see their workspaces' usage only.
 */
export function usageHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "usage.analytics": async (ctx: CallContext & { query: ParsedQuery<typeof C.usageAnalytics> }) => {
      const q = ctx.query;
      const filters = await usageFilters(deps, ctx, q);
      const range = resolveUsageRange(q, deps.now(), needsKeyedRollups(q.groupBy as UsageDimension, filters));
      const base = { granularity: range.interval, from: range.from, to: range.to };
      const analytics = scoped(ctx).usageAnalytics;
      if (q.groupBy === undefined) {
        const rows = await analytics.series({ ...base, filters, limit: range.points });
        const byBucket = new Map(rows.map((r) => [r.bucketStart, r]));
        return {
          metric: q.metric,
          interval: range.interval,
          from: range.from,
          to: range.to,
          series: [{ points: densePoints(range, (t) => byBucket.get(t), q.metric) }],
        };
      }
      const dimension = q.groupBy as UsageDimension;
      const top = await analytics.top({ ...base, by: dimension, filters, limit: q.top });
      const groups = top.map((t) => t.group ?? "");
      const rows = await analytics.series({
        ...base,
        groupBy: dimension,
        filters: { ...filters, [dimension]: groups },
        limit: Math.min(MAX_ROWS, range.points * Math.max(1, groups.length)),
      });
      const byGroup = new Map<string, Map<number, UsageTotals>>(groups.map((g) => [g, new Map()]));
      for (const r of rows) byGroup.get(r.group ?? "")?.set(r.bucketStart, r);
      return {
        metric: q.metric,
        interval: range.interval,
        from: range.from,
        to: range.to,
        series: top.map((t) => ({
          group: t.group,
          points: densePoints(range, (at) => byGroup.get(t.group ?? "")?.get(at), q.metric),
        })),
      };
    },
    "usage.top": async (ctx: CallContext & { query: ParsedQuery<typeof C.usageTop> }) => {
      const q = ctx.query;
      const filters = await usageFilters(deps, ctx, q);
      const range = resolveUsageRange(q, deps.now(), needsKeyedRollups(q.by as GroupBy, filters));
      const items = await scoped(ctx).usageAnalytics.top({
        granularity: range.interval,
        from: range.from,
        to: range.to,
        by: q.by as GroupBy as UsageDimension,
        filters,
        limit: q.limit,
      });
      return {
        from: range.from,
        to: range.to,
        items: items.map((i) => ({ group: i.group, ...totalsView(i) })),
      };
    },
    "usage.summary": async (ctx: CallContext & { query: ParsedQuery<typeof C.usageSummary> }) => {
      const filters = await usageFilters(deps, ctx, ctx.query);
      const range = resolveUsageRange(ctx.query, deps.now(), needsKeyedRollups(undefined, filters));
      const rows = await scoped(ctx).usageAnalytics.series({
        granularity: range.interval,
        from: range.from,
        to: range.to,
        filters,
        limit: range.points,
      });
      return { from: range.from, to: range.to, interval: range.interval, ...totalsView(sumTotals(rows)) };
    },
    // A tenant-wide setting: workspace-scoped readers are refused rather than narrowed.
    "usageRetention.get": async (ctx: CallContext) => {
      requireTenantWide(deps, await accessIn(deps, ctx), "usage:read");
      return scoped(ctx).usageRetention.get();
    },
    "usageRetention.update": async (ctx: CallContext & { body: Body<typeof C.updateUsageRetention> }) => {
      requireTenantWide(deps, await accessIn(deps, ctx), "tenant:update");
      const retention = scoped(ctx).usageRetention;
      const before = await retention.get();
      const after = await retention.set(ctx.body);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "usageRetention.update",
        { kind: "tenant", id: ctx.tenantId },
        before,
        after,
      );
      return after;
    },
  };
}

/** One point per bucket of the range, 0 (or null for latency) where no rollup row exists. */
function densePoints(
  range: { from: number; to: number; interval: string; points: number },
  at: (t: number) => UsageTotals | undefined,
  metric: Metric,
): { t: number; value: number | null }[] {
  const width = (range.to - range.from) / range.points;
  return Array.from({ length: range.points }, (_, i) => {
    const t = range.from + i * width;
    return { t, value: metricValue(at(t), metric) };
  });
}

/**
 * A metric's value in one bucket.
 *
 * @example
 * metricValue(totals, "tokens"); // input + output tokens
 */
export function metricValue(totals: UsageTotals | undefined, metric: Metric): number | null {
  if (metric === "latency_p50" || metric === "latency_p95" || metric === "latency_p99") {
    const p = metric === "latency_p50" ? 0.5 : metric === "latency_p95" ? 0.95 : 0.99;
    return totals === undefined ? null : latencyPercentile(totals.latency, p);
  }
  if (totals === undefined) return 0;
  switch (metric) {
    case "requests":
      return totals.requests;
    case "errors":
      return totals.errors;
    case "tokens":
      return totals.inputTokens + totals.outputTokens;
    case "input_tokens":
      return totals.inputTokens;
    case "output_tokens":
      return totals.outputTokens;
    case "cache_read_tokens":
      return totals.cacheReadTokens;
    case "cache_write_tokens":
      return totals.cacheWriteTokens;
    case "reasoning_tokens":
      return totals.reasoningTokens;
    case "cost_nano":
      return totals.costNano;
  }
}

function sumTotals(rows: readonly UsageTotals[]): UsageTotals {
  const sum: UsageTotals = {
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
  for (const r of rows) {
    sum.requests += r.requests;
    sum.errors += r.errors;
    sum.inputTokens += r.inputTokens;
    sum.outputTokens += r.outputTokens;
    sum.cacheReadTokens += r.cacheReadTokens;
    sum.cacheWriteTokens += r.cacheWriteTokens;
    sum.reasoningTokens += r.reasoningTokens;
    sum.costNano += r.costNano;
    r.latency.forEach((n, i) => {
      sum.latency[i]! += n;
    });
  }
  return sum;
}

function totalsView(t: UsageTotals) {
  return {
    requests: t.requests,
    errors: t.errors,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheReadTokens: t.cacheReadTokens,
    cacheWriteTokens: t.cacheWriteTokens,
    reasoningTokens: t.reasoningTokens,
    costNano: t.costNano,
    latencyP50: latencyPercentile(t.latency, 0.5),
    latencyP95: latencyPercentile(t.latency, 0.95),
    latencyP99: latencyPercentile(t.latency, 0.99),
  };
}
