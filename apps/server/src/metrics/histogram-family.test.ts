import fc from "fast-check";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { HistogramFamily } from "./histogram-family.js";
import { readMetric } from "./testing/read-metric.js";

const BUCKETS = [0.1, 0.5, 1, 5];

describe("HistogramFamily", () => {
  it("exposes cumulative buckets (le is ≤), +Inf, sum and count as Prometheus defines them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { maxLength: 50 }),
        async (values) => {
          const registry = new Registry();
          const h = new HistogramFamily(registry, "t_seconds", "Test.", ["route"], BUCKETS);
          const s = h.series(["/a"]);
          h.series(["/b"]); // another series, left empty
          for (const v of values) h.observe(s, v);
          const text = await registry.metrics();
          for (const le of BUCKETS)
            expect(readMetric(text, "t_seconds_bucket", { route: "/a", le: String(le) })).toBe(
              values.filter((v) => v <= le).length,
            );
          expect(readMetric(text, "t_seconds_bucket", { route: "/a", le: "+Inf" })).toBe(values.length);
          expect(readMetric(text, "t_seconds_count", { route: "/a" })).toBe(values.length);
          expect(readMetric(text, "t_seconds_sum", { route: "/a" })).toBeCloseTo(
            values.reduce((a, b) => a + b, 0),
            9,
          );
          expect(readMetric(text, "t_seconds_count", { route: "/b" })).toBe(0);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("has the help and type lines of a histogram", async () => {
    const registry = new Registry();
    new HistogramFamily(registry, "t_seconds", "Test latency.", [], BUCKETS);
    const text = await registry.metrics();
    expect(text).toContain("# HELP t_seconds Test latency.\n# TYPE t_seconds histogram");
  });
});
