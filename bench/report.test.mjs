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
    expect(text).toContain("| non-streaming ≥ 3,000 req/s on one core | 3,000 | yes |");
    expect(text).toContain("| ≤ 300 µs CPU per request | 400 | **no** |");
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
