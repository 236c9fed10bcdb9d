import { Gauge, type Registry } from "prom-client";
import { CounterFamily } from "./counter-family.js";
import { HistogramFamily } from "./histogram-family.js";

/** Request durations, seconds: from a cached answer (ms) to a long stream (minutes). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
/** Time to first byte, seconds: the gateway's own overhead up to a slow model's first token. */
const TTFB_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Gatehouse's metric families, registered on one registry (the app's own, never prom-client's global
 * default: createApp holds no module-level state). Counted on the hot path, so plain-number families
 * (CounterFamily, HistogramFamily) rather than prom-client's classes. docs/metrics.md lists each.
 * @see https://prometheus.io/docs/practices/naming/
 */
export function createMetricFamilies(registry: Registry) {
  return {
    requests: new CounterFamily(
      registry,
      "gatehouse_requests_total",
      "Data-plane requests, by client surface, operation, catalog model, status class and outcome.",
      ["surface", "operation", "model", "status_class", "outcome"],
    ),
    duration: new HistogramFamily(
      registry,
      "gatehouse_request_duration_seconds",
      "Data-plane request duration, from the first byte received to the answer's end.",
      ["surface", "operation", "model"],
      DURATION_BUCKETS,
    ),
    ttfb: new HistogramFamily(
      registry,
      "gatehouse_time_to_first_byte_seconds",
      "Time from the request's arrival to the first byte of its answer (answers only, not refusals).",
      ["surface", "operation", "model"],
      TTFB_BUCKETS,
    ),
    tokens: new CounterFamily(
      registry,
      "gatehouse_tokens_total",
      "Tokens metered, by catalog model and kind (input, output, cache_read, cache_write, reasoning).",
      ["model", "kind"],
    ),
    cost: new CounterFamily(
      registry,
      "gatehouse_cost_nano_usd_total",
      "Cost metered at the served model's prices, in nano-USD (1 USD = 1e9).",
      ["model"],
    ),
    upstreamErrors: new CounterFamily(
      registry,
      "gatehouse_upstream_errors_total",
      "Failed upstream attempts and answers cut mid-stream, by provider, deployment and code.",
      ["provider", "deployment", "code"],
    ),
    limiter: new CounterFamily(
      registry,
      "gatehouse_limiter_decisions_total",
      "Decisions of the admission limiters (rate limits, concurrency, budgets), by limiter and decision.",
      ["limiter", "decision"],
    ),
  };
}

/** The gauges read at scrape time from their sources (breakers, the usage recorder). */
export function createScrapeGauges(
  registry: Registry,
  collectBreakers: (g: Gauge<"provider" | "deployment" | "state">) => Promise<void>,
  backlog: () => number,
) {
  return {
    breakers: new Gauge({
      name: "gatehouse_circuit_breaker_state",
      help: "Circuit-breaker state per deployment: 1 for its current state (closed, half_open, open), 0 otherwise.",
      labelNames: ["provider", "deployment", "state"] as const,
      registers: [registry],
      async collect() {
        await collectBreakers(this);
      },
    }),
    backlog: new Gauge({
      name: "gatehouse_usage_backlog",
      help: "Usage records queued and not yet written to the store.",
      registers: [registry],
      collect() {
        this.set(backlog());
      },
    }),
  };
}

export type MetricFamilies = ReturnType<typeof createMetricFamilies>;
