import { describe, expect, it } from "vitest";
import type { ChartModel } from "./activity-chart-data";
import { chartSummary, unitFormatter } from "./chart-format";

describe("chartSummary", () => {
  const label = (i: number) => `bucket ${i}`;
  it("totals additive series and names their peak", () => {
    const model: ChartModel = {
      interval: "hour",
      unit: "count",
      data: [
        { t: 0, s0: 1, s1: null },
        { t: 1, s0: 3, s1: 2 },
      ],
      series: [
        { name: "s0", label: "gpt-4o", color: "blue.6" },
        { name: "s1", label: "claude", color: "teal.6" },
      ],
    };
    expect(chartSummary(model, unitFormatter("count"), label)).toBe(
      "gpt-4o: 4 in total, highest 3 at bucket 1. claude: 2 in total, highest 2 at bucket 1.",
    );
  });

  it("gives only the highest value of a metric that does not add up, and says when there is none", () => {
    const model: ChartModel = {
      interval: "hour",
      unit: "fraction",
      data: [{ t: 0, s0: 0.5 }],
      series: [{ name: "s0", label: "Error rate", color: "red.6" }],
    };
    expect(chartSummary(model, unitFormatter("fraction"), label)).toMatch(
      /^Error rate: highest .+ at bucket 0\.$/,
    );
    expect(chartSummary({ ...model, data: [] }, unitFormatter("fraction"), label)).toBe(
      "No data in this range.",
    );
  });
});
