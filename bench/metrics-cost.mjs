// The hot-path cost of Prometheus metrics, measured alone: the meter step's `observeRequest` (label
// lookup, counter increments, two histogram observations) per request, with metrics on, against the
// no-op that runs when GATEHOUSE_METRICS is off, and against the same counting done with prom-client's
// own Counter/Histogram through cached `labels()` children (what PrometheusMetrics replaced). CPU-bound
// and single-threaded: run it on an idle core (`taskset -c 0 node bench/metrics-cost.mjs`). Needs
// `npm run build`.
import { performance } from "node:perf_hooks";
import { Counter, Histogram, Registry } from "prom-client";
import { NO_METRICS } from "../apps/server/dist/metrics/gateway-metrics.js";
import { PrometheusMetrics } from "../apps/server/dist/metrics/prometheus-metrics.js";

const N = Number(process.env.BENCH_METRICS_N ?? 2_000_000);
const MODELS = ["gpt-4o-mini", "claude-sonnet", "gemini-flash", "fake/*", "other"];
const SURFACES = ["openai", "anthropic", "gemini"];

/** Observations of varied label sets, as a busy gateway sees them (built before timing). */
const observations = Array.from({ length: 1024 }, (_, i) => ({
  surface: SURFACES[i % 3],
  operation: "chat",
  model: MODELS[i % MODELS.length],
  status: i % 17 === 0 ? 429 : 200,
  outcome: i % 17 === 0 ? "error" : "success",
  durationMs: 50 + (i % 400),
  ttfbMs: i % 17 === 0 ? undefined : 20 + (i % 50),
  tokens: { inputTokens: 100 + i, outputTokens: 20 + (i % 300) },
  costNano: 1_000 * i,
  upstreamErrors: i % 17 === 0 ? [{ provider: "openai", deployment: "dep_1", code: "429" }] : [],
}));

function time(metrics) {
  for (let i = 0; i < 100_000; i++) metrics.observeRequest(observations[i & 1023]); // warm-up
  const start = performance.now();
  for (let i = 0; i < N; i++) metrics.observeRequest(observations[i & 1023]);
  return ((performance.now() - start) * 1e6) / N;
}

/** The same counting through prom-client's classes, one cached child per label set. */
function promClientChildren() {
  const registers = [new Registry()];
  const requests = new Counter({ name: "r", help: "r", labelNames: ["s", "o", "m", "c", "x"], registers });
  const duration = new Histogram({ name: "d", help: "d", labelNames: ["s", "o", "m"], registers });
  const ttfb = new Histogram({ name: "t", help: "t", labelNames: ["s", "o", "m"], registers });
  const tokens = new Counter({ name: "k", help: "k", labelNames: ["m", "kind"], registers });
  const cost = new Counter({ name: "c", help: "c", labelNames: ["m"], registers });
  const cache = new Map();
  return {
    observeRequest(r) {
      const key = `${r.surface}|${r.operation}|${r.model}|${r.status}|${r.outcome}`;
      let c = cache.get(key);
      if (c === undefined) {
        c = {
          requests: requests.labels(r.surface, r.operation, r.model, String(r.status), r.outcome),
          duration: duration.labels(r.surface, r.operation, r.model),
          ttfb: ttfb.labels(r.surface, r.operation, r.model),
          input: tokens.labels(r.model, "input"),
          output: tokens.labels(r.model, "output"),
          cost: cost.labels(r.model),
        };
        cache.set(key, c);
      }
      c.requests.inc();
      c.duration.observe(r.durationMs / 1000);
      if (r.ttfbMs !== undefined) c.ttfb.observe(r.ttfbMs / 1000);
      c.input.inc(r.tokens.inputTokens);
      c.output.inc(r.tokens.outputTokens);
      c.cost.inc(r.costNano);
    },
  };
}

const off = time(NO_METRICS);
const children = time(promClientChildren());
const on = time(new PrometheusMetrics());
const prom = new PrometheusMetrics();
time(prom);
const scrapeStart = performance.now();
const body = (await prom.scrape()).body;
const scrapeMs = performance.now() - scrapeStart;
console.log(`observeRequest, metrics off: ${off.toFixed(1)} ns/request`);
console.log(`observeRequest, metrics on:  ${on.toFixed(1)} ns/request`);
console.log(`the same with prom-client's cached children: ${children.toFixed(1)} ns/request`);
console.log(`one scrape (${body.split("\n").length} lines): ${scrapeMs.toFixed(2)} ms`);
