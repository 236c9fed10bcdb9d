import type { Metric, Registry } from "prom-client";

/** One histogram series: per-bucket counts (not cumulative; the last is +Inf), sum and count. */
export interface HistogramSeries {
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

interface Entry {
  labels: Record<string, string>;
  series: HistogramSeries;
}

/**
 * A Prometheus histogram family whose series are plain arrays (see {@link CounterFamily} for why):
 * `observe` finds the bucket and adds, without hashing labels; the cumulative `_bucket`, `_sum` and
 * `_count` lines are built at scrape time.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#histograms-and-summaries
 *
 * @example
 * const latency = new HistogramFamily(registry, "x_seconds", "Latency.", ["route"], [0.1, 1]);
 * latency.observe(latency.series(["/a"]), 0.25);
 */
export class HistogramFamily {
  readonly type = "histogram";
  private readonly entries: Entry[] = [];

  constructor(
    registry: Registry,
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly buckets: readonly number[],
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** A new series for `labelValues` (in `labelNames` order); the caller caches it per label set. */
  series(labelValues: readonly string[]): HistogramSeries {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => {
      labels[name] = labelValues[i] ?? "";
    });
    const series = { counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
    this.entries.push({ labels, series });
    return series;
  }

  observe(s: HistogramSeries, value: number): void {
    const b = this.buckets;
    let i = 0;
    while (i < b.length && value > b[i]!) i++;
    s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }

  /** The family as prom-client's registry formats it: cumulative buckets, then sum and count. */
  async get() {
    const values: Array<{ metricName: string; labels: Record<string, string>; value: number }> = [];
    for (const { labels, series } of this.entries) {
      let cumulative = 0;
      for (let i = 0; i <= this.buckets.length; i++) {
        cumulative += series.counts[i]!;
        const le = i < this.buckets.length ? String(this.buckets[i]) : "+Inf";
        values.push({ metricName: `${this.name}_bucket`, labels: { le, ...labels }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_sum`, labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: series.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: "sum" as const, values };
  }
}
