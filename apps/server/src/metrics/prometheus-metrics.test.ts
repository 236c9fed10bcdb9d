import { register as globalRegistry } from "prom-client";
import { describe, expect, it } from "vitest";
import type { RequestObservation } from "./gateway-metrics.js";
import { PrometheusMetrics } from "./prometheus-metrics.js";
import { readMetric } from "./testing/read-metric.js";

function observation(over: Partial<RequestObservation> = {}): RequestObservation {
  return {
    surface: "openai",
    operation: "chat",
    model: "gpt-4o-mini",
    status: 200,
    outcome: "success",
    durationMs: 120,
    ttfbMs: 30,
    tokens: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 2 },
    costNano: 4_500,
    upstreamErrors: [],
    ...over,
  };
}

async function scrape(m: PrometheusMetrics): Promise<string> {
  return (await m.scrape()).body;
}

describe("PrometheusMetrics", () => {
  it("counts requests by surface, operation, model, status class and outcome", async () => {
    const m = new PrometheusMetrics();
    m.observeRequest(observation());
    m.observeRequest(observation());
    m.observeRequest(observation({ status: 499, outcome: "client_closed" }));
    m.observeRequest(observation({ surface: "anthropic", status: 429, outcome: "error", tokens: undefined }));
    const text = await scrape(m);
    const base = { surface: "openai", operation: "chat", model: "gpt-4o-mini" };
    expect(
      readMetric(text, "gatehouse_requests_total", { ...base, status_class: "2xx", outcome: "success" }),
    ).toBe(2);
    expect(
      readMetric(text, "gatehouse_requests_total", {
        ...base,
        status_class: "4xx",
        outcome: "client_closed",
      }),
    ).toBe(1);
    expect(
      readMetric(text, "gatehouse_requests_total", {
        surface: "anthropic",
        status_class: "4xx",
        outcome: "error",
      }),
    ).toBe(1);
  });

  it("observes duration and time to first byte in seconds, and skips TTFB when no answer started", async () => {
    const m = new PrometheusMetrics();
    m.observeRequest(observation({ durationMs: 2_000, ttfbMs: 40 }));
    m.observeRequest(observation({ durationMs: 7, ttfbMs: undefined, status: 401, outcome: "error" }));
    const text = await scrape(m);
    const labels = { surface: "openai", operation: "chat", model: "gpt-4o-mini" };
    expect(readMetric(text, "gatehouse_request_duration_seconds_count", labels)).toBe(2);
    expect(readMetric(text, "gatehouse_request_duration_seconds_sum", labels)).toBeCloseTo(2.007);
    expect(readMetric(text, "gatehouse_request_duration_seconds_bucket", { ...labels, le: "0.01" })).toBe(1);
    expect(readMetric(text, "gatehouse_time_to_first_byte_seconds_count", labels)).toBe(1);
    expect(readMetric(text, "gatehouse_time_to_first_byte_seconds_sum", labels)).toBeCloseTo(0.04);
  });

  it("adds tokens by kind and cost in nano-USD per model", async () => {
    const m = new PrometheusMetrics();
    m.observeRequest(observation());
    m.observeRequest(
      observation({ tokens: { inputTokens: 1, outputTokens: 2, reasoningTokens: 7 }, costNano: 500 }),
    );
    const text = await scrape(m);
    const of = (kind: string) => readMetric(text, "gatehouse_tokens_total", { model: "gpt-4o-mini", kind });
    expect([of("input"), of("output"), of("cache_read"), of("reasoning")]).toEqual([11, 7, 2, 7]);
    expect(of("cache_write")).toBe(0);
    expect(readMetric(text, "gatehouse_cost_nano_usd_total", { model: "gpt-4o-mini" })).toBe(5_000);
  });

  it("counts upstream errors and limiter decisions", async () => {
    const m = new PrometheusMetrics();
    const err = { provider: "openai", deployment: "dep_1", code: "429" };
    m.observeRequest(observation({ upstreamErrors: [err, err, { ...err, code: "no_answer" }] }));
    m.onDecision({ limiter: "rpm", decision: "refused" });
    m.onDecision({ limiter: "rpm", decision: "refused" });
    m.onDecision({ limiter: "rpm", decision: "allowed" });
    const text = await scrape(m);
    expect(readMetric(text, "gatehouse_upstream_errors_total", err)).toBe(2);
    expect(readMetric(text, "gatehouse_upstream_errors_total", { ...err, code: "no_answer" })).toBe(1);
    expect(
      readMetric(text, "gatehouse_limiter_decisions_total", { limiter: "rpm", decision: "refused" }),
    ).toBe(2);
    expect(
      readMetric(text, "gatehouse_limiter_decisions_total", { limiter: "rpm", decision: "allowed" }),
    ).toBe(1);
  });

  it("reads breaker states and the usage backlog from their sources at scrape time", async () => {
    const m = new PrometheusMetrics();
    let deployments = [
      { id: "dep_a", provider: "openai" },
      { id: "dep_b", provider: "anthropic" },
    ];
    const states = new Map([
      ["dep_a", "open"],
      ["dep_b", "closed"],
    ]);
    let backlog = 3;
    m.collectFrom({
      deployments: () => deployments,
      breakers: {
        snapshot: async (ids) => ids.map((id) => ({ deploymentId: id, state: states.get(id) ?? "closed" })),
      },
      usageBacklog: () => backlog,
    });
    let text = await scrape(m);
    const state = (deployment: string, s: string) =>
      readMetric(text, "gatehouse_circuit_breaker_state", { deployment, state: s });
    expect([state("dep_a", "open"), state("dep_a", "closed"), state("dep_a", "half_open")]).toEqual([
      1, 0, 0,
    ]);
    expect(
      readMetric(text, "gatehouse_circuit_breaker_state", { deployment: "dep_b", state: "closed" }),
    ).toBe(1);
    expect(
      readMetric(text, "gatehouse_circuit_breaker_state", {
        deployment: "dep_b",
        provider: "anthropic",
        state: "open",
      }),
    ).toBe(0);
    expect(readMetric(text, "gatehouse_usage_backlog")).toBe(3);

    states.set("dep_a", "half_open");
    deployments = [deployments[0]!];
    backlog = 0;
    text = await scrape(m);
    expect(state("dep_a", "half_open")).toBe(1);
    expect(state("dep_a", "open")).toBe(0);
    expect(readMetric(text, "gatehouse_circuit_breaker_state", { deployment: "dep_b" })).toBeUndefined();
    expect(readMetric(text, "gatehouse_usage_backlog")).toBe(0);
  });

  it("keeps each app's metrics apart and never touches prom-client's global registry", async () => {
    const a = new PrometheusMetrics();
    const b = new PrometheusMetrics({ processMetrics: true });
    a.observeRequest(observation());
    const textB = await scrape(b);
    expect(readMetric(textB, "gatehouse_requests_total", { outcome: "success" })).toBeUndefined();
    expect(readMetric(textB, "process_cpu_user_seconds_total")).toBeGreaterThanOrEqual(0);
    expect(readMetric(await scrape(a), "process_cpu_user_seconds_total")).toBeUndefined();
    expect(globalRegistry.getMetricsAsArray()).toEqual([]);
  });

  it("serves the Prometheus text content type", async () => {
    expect((await new PrometheusMetrics().scrape()).contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
