import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrometheusMetrics } from "../metrics/prometheus-metrics.js";
import { readMetric } from "../metrics/testing/read-metric.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

const TOKEN = "scrape-token-123";
let fake: FakeServer;
let broken: FakeServer;
let gw: TestGateway;
let off: TestGateway;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 5 });
  broken = await startFakeOpenAI({ mode: "error-500" });
  gw = await startTestGateway({
    metrics: new PrometheusMetrics(),
    metricsToken: TOKEN,
    providers: [
      { name: "fake", baseUrl: fake.url, apiKey: "sk-1", models: ["gpt-4o-mini"], wildcard: true },
      { name: "broken", baseUrl: broken.url, apiKey: "sk-2", models: ["broken-model"] },
    ],
  });
  off = await startTestGateway({});
});
afterAll(async () => {
  await gw.close();
  await off.close();
  await fake.close();
  await broken.close();
});

function chat(body: Record<string, unknown>): Promise<Response> {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${gw.key}` },
    body: JSON.stringify({ messages: [{ role: "user", content: "Say hello" }], ...body }),
  });
}

async function scrape(): Promise<string> {
  const res = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe("GET /metrics", () => {
  it("is not served unless metrics are configured", async () => {
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
  });

  it("asks for the bearer token when one is set", async () => {
    const none = await fetch(`${gw.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    const wrong = await fetch(`${gw.url}/metrics`, { headers: { authorization: "Bearer scrape-token-124" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("gatehouse_");
  });

  it("counts answered, streamed, refused and failed requests with bounded model labels", async () => {
    expect((await chat({ model: "gpt-4o-mini" })).status).toBe(200);
    const stream = await chat({ model: "gpt-4o-mini", stream: true });
    expect(await stream.text()).toContain("[DONE]");
    expect((await chat({ model: "fake/some-model-1" })).status).toBe(200);
    expect((await chat({ model: "fake/some-model-2" })).status).toBe(200);
    expect((await chat({ model: "no-such-model" })).status).toBe(404);
    expect((await chat({ model: "broken-model" })).status).toBe(502);
    const text = await scrape();
    const chatOf = (model: string, status_class: string, outcome: string) =>
      readMetric(text, "gatehouse_requests_total", {
        surface: "openai",
        operation: "chat",
        model,
        status_class,
        outcome,
      });
    expect(chatOf("gpt-4o-mini", "2xx", "success")).toBe(2);
    // A wildcard model is counted under its pattern, never under the names clients make up.
    expect(chatOf("fake/*", "2xx", "success")).toBe(2);
    expect(text).not.toContain("some-model-1");
    expect(chatOf("other", "4xx", "error")).toBe(1);
    expect(chatOf("broken-model", "5xx", "error")).toBe(1);
    expect(readMetric(text, "gatehouse_tokens_total", { model: "gpt-4o-mini", kind: "output" })).toBe(10);
    expect(readMetric(text, "gatehouse_time_to_first_byte_seconds_count", { model: "gpt-4o-mini" })).toBe(2);
    expect(
      readMetric(text, "gatehouse_upstream_errors_total", { provider: "broken", code: "500" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("reports each deployment's breaker state and the usage backlog", async () => {
    const text = await scrape();
    const deployments = [...gw.app.runtime.catalog.deployments()];
    expect(deployments.length).toBe(3);
    for (const d of deployments) {
      const states = ["closed", "half_open", "open"].map((state) =>
        readMetric(text, "gatehouse_circuit_breaker_state", {
          deployment: d.id,
          provider: d.provider,
          state,
        }),
      );
      expect(states.reduce((a, b) => a! + b!, 0)).toBe(1);
    }
    expect(readMetric(text, "gatehouse_usage_backlog")).toBeGreaterThanOrEqual(0);
  });
});
