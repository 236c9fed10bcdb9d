import { formatCount, formatMs, formatPercent, formatUsd } from "../../ui/format";
import type { ChartModel, ChartUnit } from "./activity-chart-data";

/** How a value of a unit reads on the axis and in the tooltip (spend arrives in dollars). */
export function unitFormatter(unit: ChartUnit): (v: number) => string {
  switch (unit) {
    case "usd":
      return (v) => formatUsd(Math.round(v * 1e9));
    case "fraction":
      return (v) => formatPercent(v);
    case "ms":
      return (v) => formatMs(v);
    case "count":
      return (v) => formatCount(v);
  }
}

/**
 * The chart in one sentence, its text alternative: per series, the total for an additive metric or the
 * highest value otherwise, and the bucket where it peaked.
 *
 * @example
 * chartSummary(model, formatCount, label); // "Requests: 4 in total, highest 3 at 15:00."
 */
export function chartSummary(
  model: ChartModel,
  format: (v: number) => string,
  label: (i: number) => string,
): string {
  if (model.data.length === 0) return "No data in this range.";
  const additive = model.unit === "count" || model.unit === "usd";
  return model.series
    .map((s) => {
      let total = 0;
      let peak = -1;
      model.data.forEach((row, i) => {
        const v = row[s.name];
        if (v == null) return;
        total += v;
        if (peak < 0 || v > (model.data[peak]?.[s.name] ?? 0)) peak = i;
      });
      if (peak < 0) return `${s.label}: no data.`;
      const high = `highest ${format(model.data[peak]?.[s.name] ?? 0)} at ${label(peak)}`;
      return additive ? `${s.label}: ${format(total)} in total, ${high}.` : `${s.label}: ${high}.`;
    })
    .join(" ");
}
