import { describe, expect, it } from "vitest";
import { renderReport } from "./report.mjs";
import { ratio } from "./report-format.mjs";

const lat = (p50, p99) => ({ errors: 0, latency: { p50, p90: p99, p99, max: p99 } });
const stream = (streamsPerSec, cpuPerChunk) => ({
  streamsPerSec,
  cpuPerChunk,
  errors: 0,
  ttfb: { p50: 1, p99: 2 },
});
const figures = (rps, cpu, extra = {}) => ({
  rssStart: 50e6,
  rssPeak: 100e6,
  throughput: { requestsPerSec: rps, cpuPerRequest: cpu, errors: 0 },
  latency: { 100: lat(1, 2), 500: lat(1, 4) },
  streaming: stream(100, 10),
  flushing: { errors: 0, firstChunk: { p50: 2, p99: 3 }, chunkLag: { p50: 0.5, p99: 1, max: 2 } },
  idle: { count: 1000, opened: 1000, bytesPerStream: 10 * 1024 },
  ...extra,
});
const options = {
  connections: 50,
  throughputSec: 10,
  latencySec: 10,
  rates: [100, 500],
  streamConcurrency: 50,
  streamChunks: 100,
  streamSec: 10,
  flushChunks: 20,
  flushIntervalMs: 20,
  flushStreams: 20,
  idleStreams: 1000,
};
const machine = {
  cpu: "CPU",
  cores: 2,
  memoryGiB: 24,
  os: "OS",
  kernel: "k",
  node: "v20",
  nginx: "1",
  wrk: "w",
  portkey: "p",
  gatehouse: "abc",
};

function render(results) {
  return renderReport({ results, machine, options, startedAt: new Date("2026-01-02T03:04:05Z") });
}

describe("ratio", () => {
  it("divides, and leaves a dash when a value is missing", () => {
    expect(ratio(3, 2)).toBe("1.50×");
    expect(ratio(50, 2)).toBe("25.0×");
    expect(ratio(undefined, 2)).toBe("–");
    expect(ratio(1, 0)).toBe("–");
  });
});

describe("renderReport", () => {
  const results = [
    {
      name: "direct",
      label: "direct (no proxy)",
      figures: { latency: { 100: lat(0.5, 1), 500: lat(0.5, 1) } },
    },
    { name: "nginx", label: "nginx", figures: figures(6000, 60) },
    { name: "bare", label: "bare Node proxy", figures: figures(4000, 200) },
    { name: "portkey", label: "Portkey", skipped: "Portkey is not installed" },
    { name: "gatehouse", label: "Gatehouse", figures: figures(3000, 400, { streaming: stream(80, 20) }) },
  ];
  const text = render(results);

  it("puts the machine and every section in the file", () => {
    expect(text).toContain("Machine: CPU, 2 cores, 24 GiB");
    for (const title of [
      "Non-streaming max throughput",
      "fixed 100 req/s",
      "fixed 500 req/s",
      "Streaming:",
      "Flushing",
      "Memory",
    ]) {
      expect(text).toContain(title);
    }
    expect(text).toContain("skipped: Portkey is not installed");
  });

  it("gives ratios against nginx and bare from the same run", () => {
    expect(text).toContain("| Gatehouse | 3,000 | 400 | 0 | 0.50× / 0.75× / – | 6.67× / 2.00× / – |");
  });

  it("subtracts the direct baseline for added latency", () => {
    expect(text).toMatch(/\| Gatehouse \| 1\.00 \| 4\.00 \| 4\.00 \| 4\.00 \| 0\.50 \/ 3\.00 \|/);
  });

  it("prefers the direct run paired with the target", () => {
    const paired = figures(3000, 400);
    paired.latency[500] = { ...lat(1, 4), direct: { p50: 0.8, p99: 3.5 } };
    const out = render([results[0], { name: "gatehouse", label: "Gatehouse", figures: paired }]);
    expect(out).toMatch(/\| Gatehouse \| 1\.00 \| 4\.00 \| 4\.00 \| 4\.00 \| 0\.20 \/ 0\.50 \|/);
    expect(out).toContain("| added p50 over direct at 500 req/s ≤ 0.5 ms | 0.20 | yes |");
  });

  it("checks Gatehouse against the issue's targets", () => {
    expect(text).toContain("| non-streaming req/s ≥ 0.6× bare Node | 0.75× | yes |");
    expect(text).toContain("| ≤ 250 µs CPU per request | 400 | **no** |");
    expect(text).toContain("| first streamed chunk ≤ 1.3× nginx's (flushing, p50) | 1.00× | yes |");
    expect(text).toContain("| streams/s ≥ 90% of bare Node | 80% | **no** |");
    expect(text).toContain("| ≤ 20 KB per idle open stream | 10.0 KB | yes |");
  });

  it("shows a failed scenario as failed, not as a figure", () => {
    const failed = render([
      { name: "bare", label: "bare Node proxy", figures: figures(1, 1, { streaming: { failed: "boom" } }) },
    ]);
    expect(failed).toContain("| bare Node proxy | failed: boom |");
  });
});

describe("renderReport, Gatehouse's robustness scenarios", () => {
  const fuzzOf = (surface, fivexx) => ({
    surface,
    seed: 1,
    count: 2000,
    classes: { "2xx": 300, "3xx": 0, "4xx": 1700 - fivexx, "5xx": fivexx, "no answer": 0 },
    unanswered: fivexx,
    statuses: { 200: 300, 400: 1700 - fivexx, ...(fivexx ? { 500: fivexx } : {}) },
    failures: fivexx
      ? [
          {
            surface,
            seed: 1,
            index: 8,
            kind: "deep-nesting",
            detail: "arrays 100000 deep at tools",
            stream: false,
            status: 500,
            answer: '{"error":{"message":"Maximum call stack size exceeded"}}',
          },
        ]
      : [],
  });
  const round = (variant, growth, p99) => ({
    variant,
    statuses: { 401: 49, ECONNRESET: 1 },
    latency: { p50: p99 / 2, p99 },
    sentBeforeStatus: { p50: 9e6 },
    rssBefore: 100e6,
    rssGrowth: growth,
  });
  const gatehouse = figures(3000, 250, {
    rssStart: 100e6,
    breakerOpen: {
      trip: { requests: 12, statuses: { 200: 12 } },
      throughput: { requestsPerSec: 2500, cpuPerRequest: 300, errors: 0 },
      latency: { 500: { ...lat(1.5, 6), direct: { p50: 0.5, p99: 1 } } },
      failingHits: 0,
      stateAfter: "open",
    },
    afterStress: { requestsPerSec: 2000, cpuPerRequest: 450, errors: 0 },
    responsesThroughput: { requestsPerSec: 2800, cpuPerRequest: 320, errors: 0 },
    responsesStreaming: stream(90, 14),
    wrongKey: { rounds: [round("well-formed, unknown", 450e6, 900), round("malformed", 5e6, 20)] },
    stress: {
      rssBefore: 150e6,
      rssPeak: 900e6,
      rssAfterIdle: 120e6,
      idleRss: Array(30).fill(120e6),
      fuzz: { openai: fuzzOf("openai", 1), anthropic: fuzzOf("anthropic", 0), gemini: fuzzOf("gemini", 0) },
      bigBodies: { count: 100, statuses: { 200: 100 }, latency: { p50: 2000, p99: 4000 } },
      abortedStreams: { count: 1000, aborted: 1000, upstreamCancelled: 998 },
    },
  });
  const results = [
    {
      name: "direct",
      label: "direct (no proxy)",
      figures: { latency: { 100: lat(0.5, 1), 500: lat(0.5, 1) } },
    },
    { name: "nginx", label: "nginx", figures: figures(6000, 60) },
    { name: "gatehouse", label: "Gatehouse", figures: gatehouse },
  ];
  const text = render(results);

  it("adds the breaker and after-stress rows to the throughput table, with ratios to the peers' plain rows", () => {
    expect(text).toContain(
      "| Gatehouse: breaker open on one of two deployments | 2,500 | 300 | 0 | 0.42× / – / – | 5.00× / – / – |",
    );
    expect(text).toContain("| Gatehouse: after stress | 2,000 | 450 | 0 | 0.33× / – / – | 7.50× / – / – |");
  });

  it("adds the Responses surface's CPU per request next to chat completions", () => {
    const table = text.slice(text.indexOf("Non-streaming max throughput"), text.indexOf("fixed 100 req/s"));
    expect(table).toContain("| Gatehouse | 3,000 | 250 |");
    expect(table).toContain("| Gatehouse: Responses API surface (POST /v1/responses) | 2,800 | 320 | 0 |");
  });

  it("adds the Responses surface's CPU per chunk under chat completions' streaming row", () => {
    const table = text.slice(text.indexOf("## Streaming:"), text.indexOf("## Flushing"));
    const rows = table.split("\n").filter((l) => l.startsWith("| Gatehouse"));
    expect(rows[0]).toMatch(/^\| Gatehouse \| 100 \| .* \| 10\.0 \|/);
    expect(rows[1]).toMatch(
      /^\| Gatehouse: Responses API surface \(POST \/v1\/responses, streamed\) \| 90 \| .* \| 14\.0 \|/,
    );
  });

  it("adds the breaker row to the 500 req/s table, over its own paired direct run", () => {
    const at500 = text.slice(text.indexOf("fixed 500 req/s"));
    expect(at500).toMatch(
      /\| Gatehouse: breaker open on one of two deployments \| 1\.50 \| 6\.00 \| 6\.00 \| 6\.00 \| 1\.00 \/ 5\.00 \|/,
    );
  });

  it("shows the breaker's set-up, and a dash for targets without breakers", () => {
    expect(text).toContain("| Gatehouse | 12 | 200: 12 | 0 | open |");
    expect(text).toContain("| nginx | – | – | – | – |");
  });

  it("gives each wrong key its row: 401 latency, bytes sent before it, RSS growth", () => {
    expect(text).toContain(
      "| Gatehouse | well-formed, unknown | 49 | ECONNRESET: 1 | 450 | 900 | 9.0 | 100.0 | 450.0 |",
    );
    expect(text).toContain(
      "| Gatehouse | malformed | 49 | ECONNRESET: 1 | 10.0 | 20.0 | 9.0 | 100.0 | 5.0 |",
    );
    expect(text).toContain("| nginx | – | – | – | – | – | – | – | – |");
  });

  it("counts the fuzz by status class per surface and lists each 5xx with its body", () => {
    expect(text).toContain(
      "| Gatehouse | openai | 2,000 | 300 | 1,699 | 1 | 0 | 200: 300, 400: 1,699, 500: 1 |",
    );
    expect(text).toContain(
      '- 500 on openai body 8 (seed 1; deep-nesting: arrays 100000 deep at tools): `{"error"',
    );
  });

  it("shows the stress's memory: peak, after idle, and its ratio to RSS after start", () => {
    expect(text).toContain(
      "| Gatehouse | 100 / 100 | 2.00 / 4.00 | 1,000 / 1,000 | 998 | 100.0 | 150.0 | 900.0 | 120.0 | 1.20× |",
    );
  });

  it("checks the new figures against the issue's targets", () => {
    expect(text).toContain("| wrong key, 9 MB bodies: RSS growth ≤ 10 MB | 450.0 MB | **no** |");
    expect(text).toContain("| wrong key: 401 p99 ≤ 50 ms | 900 | **no** |");
    expect(text).toContain("| RSS 30 s after the stress ≤ 1.5× RSS after start | 1.20× | yes |");
    expect(text).toContain("| no 5xx in the fuzz (nor a request left unanswered) | 1 of 6,000 | **no** |");
  });

  it("shows a failed scenario as failed, and leaves out the sections of scenarios that did not run", () => {
    const failed = figures(3000, 250, { breakerOpen: { failed: "breaker still closed" } });
    const out = render([{ name: "gatehouse", label: "Gatehouse", figures: failed }]);
    expect(out).toContain(
      "| Gatehouse: breaker open on one of two deployments | failed: breaker still closed |",
    );
    expect(out).not.toContain("## Wrong key");
    expect(out).not.toContain("## Stress");
    expect(out).toContain("| no 5xx in the fuzz (nor a request left unanswered) | – | – |");
  });
});
