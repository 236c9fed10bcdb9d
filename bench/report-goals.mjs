// Gatehouse against the targets: the closing section of the report (a note, not an assertion).
import { ms, num, table } from "./report-format.mjs";

/** The targets of the robustness scenarios (wrong keys, stress, fuzz), as [goal, value, met, show] rows. */
function robustnessGoals(g, options, v) {
  const ok = (figure) => figure && !figure.failed;
  const rounds = ok(g.wrongKey) ? g.wrongKey.rounds : [];
  const worst = (pick) => (rounds.length > 0 ? Math.max(...rounds.map(pick)) : Number.NaN);
  const fuzz = ok(g.stress) ? Object.values(g.stress.fuzz ?? {}) : [];
  const fuzzed = fuzz.length > 0 && fuzz.every(ok);
  const sent = fuzzed ? fuzz.reduce((sum, f) => sum + f.count, 0) : 0;
  const idleSec = ok(g.stress) && g.stress.idleRss ? g.stress.idleRss.length : options.stressIdleSec;
  return [
    [
      "wrong key, 9 MB bodies: RSS growth ≤ 10 MB",
      worst((r) => r.rssGrowth / 1e6),
      (x) => x <= 10,
      (x) => `${num(x, 1)} MB`,
    ],
    ["wrong key: 401 p99 ≤ 50 ms", worst((r) => r.latency.p99), (x) => x <= 50, ms],
    [
      `RSS ${idleSec} s after the stress ≤ 1.5× RSS after start`,
      v(g.stress, (s) => s.rssAfterIdle / g.rssStart),
      (x) => x <= 1.5,
      (x) => `${num(x, 2)}×`,
    ],
    [
      "no 5xx in the fuzz (nor a request left unanswered)",
      fuzzed ? fuzz.reduce((sum, f) => sum + f.classes["5xx"] + f.classes["no answer"], 0) : Number.NaN,
      (x) => x === 0,
      (x) => `${num(x)} of ${num(sent)}`,
    ],
  ];
}

/**
 * The closing section: Gatehouse's figures against the targets, "–" where a figure is missing.
 *
 * @example
 * goalsSection(byName, options) // [title, table]
 */
export function goalsSection({ gatehouse: g, direct, bare, nginx }, options) {
  if (!g) return [];
  const v = (figure, pick) => (figure && !figure.failed ? pick(figure) : Number.NaN);
  const lat500 = g.latency?.[500];
  const d500 = lat500?.direct ?? direct?.latency?.[500]?.latency;
  const rows = [
    [
      "non-streaming req/s ≥ 0.6× bare Node",
      v(g.throughput, (t) => t.requestsPerSec / v(bare?.throughput, (b) => b.requestsPerSec)),
      (x) => x >= 0.6,
      (x) => `${num(x, 2)}×`,
    ],
    ["≤ 250 µs CPU per request", v(g.throughput, (t) => t.cpuPerRequest), (x) => x <= 250, num],
    [
      "added p50 over direct at 500 req/s ≤ 0.5 ms",
      v(lat500, (l) => l.latency.p50 - (d500?.p50 ?? Number.NaN)),
      (x) => x <= 0.5,
      ms,
    ],
    [
      "added p99 over direct at 500 req/s ≤ 5 ms",
      v(lat500, (l) => l.latency.p99 - (d500?.p99 ?? Number.NaN)),
      (x) => x <= 5,
      ms,
    ],
    [
      "first streamed chunk ≤ 1.3× nginx's (flushing, p50)",
      v(g.flushing, (f) => f.firstChunk.p50 / v(nginx?.flushing, (n) => n.firstChunk.p50)),
      (x) => x <= 1.3,
      (x) => `${num(x, 2)}×`,
    ],
    [
      "streams/s ≥ 90% of bare Node",
      v(g.streaming, (s) => s.streamsPerSec / v(bare?.streaming, (b) => b.streamsPerSec)),
      (x) => x >= 0.9,
      (x) => `${num(x * 100)}%`,
    ],
    [
      "conversion ≤ 2× passthrough CPU per chunk",
      v(g.conversion, (c) => c.cpuPerChunk / v(g.streaming, (s) => s.cpuPerChunk)),
      (x) => x <= 2,
      (x) => `${num(x, 2)}×`,
    ],
    ["peak RSS ≤ 150 MB", g.rssPeak / 1e6, (x) => x <= 150, (x) => `${num(x, 1)} MB`],
    [
      "≤ 20 KB per idle open stream",
      v(g.idle, (i) => i.bytesPerStream / 1024),
      (x) => x <= 20,
      (x) => `${num(x, 1)} KB`,
    ],
    ...robustnessGoals(g, options, v),
  ];
  return [
    "## Gatehouse against the issue's targets (a note, not an assertion)",
    table(
      ["target", "measured", "met"],
      rows.map(([goal, x, met, show]) => [
        goal,
        Number.isFinite(x) ? show(x) : "–",
        Number.isFinite(x) ? (met(x) ? "yes" : "**no**") : "–",
      ]),
    ),
  ];
}
