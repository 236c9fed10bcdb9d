import { describe, expect, it } from "vitest";
import { metricsOf, toChartModel } from "./activity-chart-data";

const answer = (metric: string, series: Array<{ group?: string | null; values: Array<number | null> }>) =>
  ({
    metric,
    interval: "hour",
    from: 0,
    to: 7_200_000,
    series: series.map((s) => ({
      ...(s.group === undefined ? {} : { group: s.group }),
      points: s.values.map((value, i) => ({ t: i * 3_600_000, value })),
    })),
  }) as Parameters<typeof toChartModel>[1][number];

describe("toChartModel", () => {
  it("keys series s0, s1… (model names with dots are not paths) and labels them by group", () => {
    const m = toChartModel(
      "requests",
      [
        answer("requests", [
          { group: "gpt-4.1", values: [1, 2] },
          { group: null, values: [0, 3] },
        ]),
      ],
      (g) => g ?? "none",
    );
    expect(m.series.map((s) => [s.name, s.label])).toEqual([
      ["s0", "gpt-4.1"],
      ["s1", "none"],
    ]);
    expect(m.data).toEqual([
      { t: 0, s0: 1, s1: 0 },
      { t: 3_600_000, s0: 2, s1: 3 },
    ]);
  });

  it("divides errors by requests per bucket (none when there were no requests) and shows spend in dollars", () => {
    const rate = toChartModel(
      "errors",
      [answer("errors", [{ values: [1, 0] }]), answer("requests", [{ values: [4, 0] }])],
      String,
    );
    expect(rate.unit).toBe("fraction");
    expect(rate.data.map((r) => r.s0)).toEqual([0.25, null]);
    const spend = toChartModel("spend", [answer("cost_nano", [{ values: [1_500_000_000, 0] }])], String);
    expect(spend.data.map((r) => r.s0)).toEqual([1.5, 0]);
  });

  it("draws p50 and p95 ungrouped, p95 per group when grouped", () => {
    expect(metricsOf("latency", false)).toEqual(["latency_p50", "latency_p95"]);
    expect(metricsOf("latency", true)).toEqual(["latency_p95"]);
    const m = toChartModel(
      "latency",
      [answer("latency_p50", [{ values: [50, null] }]), answer("latency_p95", [{ values: [200, null] }])],
      String,
    );
    expect(m.series.map((s) => s.label)).toEqual(["p50", "p95"]);
    expect(m.data[0]).toEqual({ t: 0, s0: 50, s1: 200 });
  });
});
