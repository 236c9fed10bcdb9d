import type { OperationOutput } from "@gatehouse/sdk";

type Analytics = OperationOutput<"usage.analytics">;

/** The metric tabs of the Activity chart. */
export const CHART_METRICS = [
  { value: "requests", label: "Requests" },
  { value: "tokens", label: "Tokens" },
  { value: "spend", label: "Spend" },
  { value: "errors", label: "Error rate" },
  { value: "latency", label: "Latency" },
] as const;

export type ChartMetric = (typeof CHART_METRICS)[number]["value"];

/** How a chart's values read: counts, dollars, a fraction, milliseconds. */
export type ChartUnit = "count" | "usd" | "fraction" | "ms";

/** A chart ready to draw: one row per bucket (`t` plus one key per series) and the series. */
export interface ChartModel {
  interval: Analytics["interval"];
  unit: ChartUnit;
  data: Array<Record<string, number | null>>;
  series: Array<{ name: string; label: string; color: string }>;
}

const COLORS = [
  "blue.6",
  "teal.6",
  "orange.6",
  "grape.6",
  "red.6",
  "cyan.6",
  "lime.7",
  "pink.6",
  "indigo.6",
  "yellow.7",
];

/** The analytics metrics a tab reads (two for a ratio or for p50 and p95). */
export function metricsOf(metric: ChartMetric, grouped: boolean) {
  switch (metric) {
    case "requests":
      return ["requests"] as const;
    case "tokens":
      return ["tokens"] as const;
    case "spend":
      return ["cost_nano"] as const;
    case "errors":
      return ["errors", "requests"] as const;
    case "latency":
      return grouped ? (["latency_p95"] as const) : (["latency_p50", "latency_p95"] as const);
  }
}

/**
 * The analytics answers of a tab → a chart. Series keys are `s0`, `s1`, … (a group name such as
 * `gpt-4.1` may hold any character); labels are the groups' display names.
 *
 * @example
 * toChartModel("requests", [answer], (g) => g ?? "none");
 */
export function toChartModel(
  metric: ChartMetric,
  answers: readonly Analytics[],
  label: (group: string | null) => string,
): ChartModel {
  const [first, second] = answers;
  if (first === undefined) return { interval: "hour", unit: "count", data: [], series: [] };
  const unit: ChartUnit =
    metric === "spend" ? "usd" : metric === "errors" ? "fraction" : metric === "latency" ? "ms" : "count";
  const grouped = first.series.some((s) => s.group !== undefined);
  const data: Array<Record<string, number | null>> = (first.series[0]?.points ?? []).map((p) => ({ t: p.t }));
  const series: ChartModel["series"] = [];
  const put = (key: string, values: Array<number | null>) =>
    values.forEach((v, i) => {
      if (data[i] !== undefined) data[i][key] = v;
    });

  if (metric === "latency" && !grouped && second !== undefined) {
    put("s0", first.series[0]?.points.map((p) => p.value) ?? []);
    put("s1", second.series[0]?.points.map((p) => p.value) ?? []);
    series.push(
      { name: "s0", label: "p50", color: COLORS[0]! },
      { name: "s1", label: "p95", color: COLORS[2]! },
    );
    return { interval: first.interval, unit, data, series };
  }
  first.series.forEach((s, i) => {
    const key = `s${i}`;
    let values = s.points.map((p) => p.value);
    if (metric === "errors") {
      const requests = second?.series.find((r) => (r.group ?? null) === (s.group ?? null))?.points ?? [];
      values = values.map((errors, j) => {
        const n = requests[j]?.value ?? 0;
        return n > 0 && errors !== null ? errors / n : null;
      });
    }
    // Money is drawn in dollars (the axis' numbers), kept exact in the tooltip through formatUsd.
    if (metric === "spend") values = values.map((v) => (v === null ? null : v / 1e9));
    put(key, values);
    series.push({
      name: key,
      label: grouped
        ? label(s.group ?? null)
        : (CHART_METRICS.find((m) => m.value === metric)?.label ?? metric),
      color: COLORS[i % COLORS.length]!,
    });
  });
  return { interval: first.interval, unit, data, series };
}
