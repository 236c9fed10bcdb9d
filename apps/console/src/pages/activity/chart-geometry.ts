import type { ChartModel } from "./activity-chart-data";

/** A y axis: its top value and the values that get a grid line and a label (0 first). */
export interface YAxis {
  max: number;
  ticks: number[];
}

/**
 * A "nice" y axis for values up to `max`: steps of 1, 2, 2.5 or 5 × 10^k, about `count` of them, the top
 * tick at or above `max`. An empty or all-zero chart gets 0…1.
 *
 * @example
 * niceAxis(87, 4); // { max: 100, ticks: [0, 25, 50, 75, 100] }
 */
export function niceAxis(max: number, count = 4): YAxis {
  if (!Number.isFinite(max) || max <= 0) return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  // Multiplying, not adding, and rounding keep 0.1 + 0.2 style drift out of the labels.
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[steps]!, ticks };
}

/** One series' band per bucket: `[bottom, top]`, or null where the series has no value (a gap). */
export type Band = [number, number] | null;

/**
 * The bands to draw: stacked on one another for an additive chart (requests, tokens, spend by group),
 * each from 0 otherwise (lines: error rate, latency). A missing value adds nothing to the stack.
 */
export function bandsOf(model: ChartModel, stacked: boolean): Band[][] {
  const floor = model.data.map(() => 0);
  return model.series.map((s) =>
    model.data.map((row, i) => {
      const v = row[s.name];
      if (v == null || !Number.isFinite(v)) return null;
      const bottom = stacked ? floor[i]! : 0;
      if (stacked) floor[i] = bottom + v;
      return [bottom, bottom + v];
    }),
  );
}

/** The highest band top of a chart (what the y axis must reach). */
export function topOf(bands: Band[][]): number {
  let top = 0;
  for (const series of bands) for (const b of series) if (b && b[1] > top) top = b[1];
  return top;
}

/** Which buckets get an x label: evenly spread, at most `room` of them, the first always. */
export function labelledIndices(n: number, room: number): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, room)));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  return out;
}

/** A point on screen. */
export type Point = [number, number];

/** An SVG path through the points (straight segments); runs separated by gaps become separate subpaths. */
export function linePath(runs: readonly Point[][]): string {
  return runs
    .filter((run) => run.length > 0)
    .map((run) => run.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`).join(""))
    .join("");
}

/** A closed SVG area between the tops and the bottoms of a run of bands. */
export function areaPath(tops: readonly Point[], bottoms: readonly Point[]): string {
  if (tops.length === 0) return "";
  const back = [...bottoms].reverse();
  return `${linePath([[...tops, ...back]])}Z`;
}

/** Splits a series' bands into runs of consecutive values (a null ends a run). */
export function runsOf(bands: readonly Band[]): Array<Array<{ i: number; band: [number, number] }>> {
  const runs: Array<Array<{ i: number; band: [number, number] }>> = [];
  let run: Array<{ i: number; band: [number, number] }> = [];
  bands.forEach((band, i) => {
    if (band) run.push({ i, band });
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}
