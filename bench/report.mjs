// The report: one markdown document with the machine, a table per figure (ratios against nginx, the
// bare Node proxy and Portkey measured in the same run), and Gatehouse against the goals.
import { mb, ms, num, ratios, table } from "./report-format.mjs";

const BASELINES = ["nginx", "bare", "portkey"];
const VS = "÷ nginx / bare / Portkey";

function sections(results, options) {
  const measured = results.filter((r) => r.figures);
  const byName = Object.fromEntries(measured.map((r) => [r.name, r.figures]));
  const bases = (pick) => BASELINES.map((name) => (byName[name] ? pick(byName[name]) : undefined));
  const ok = (figure) => figure && !figure.failed;
  const rowsOf = (pick, render) =>
    measured
      .filter((r) => pick(r.figures) !== undefined)
      .map((r) =>
        ok(pick(r.figures))
          ? render(r, pick(r.figures))
          : [r.label, `failed: ${pick(r.figures).failed.slice(0, 120)}`],
      );
  const out = [];

  const tp = (f) => f.throughput;
  out.push(
    `## Non-streaming max throughput (wrk, ${options.connections} connections, ${options.throughputSec} s)`,
    table(
      ["target", "req/s", "CPU µs/request", "errors", `req/s ${VS}`, `CPU/request ${VS}`],
      rowsOf(tp, (r, t) => [
        r.label,
        num(t.requestsPerSec),
        num(t.cpuPerRequest),
        num(t.errors),
        ratios(
          t.requestsPerSec,
          bases((f) => tp(f)?.requestsPerSec),
        ),
        ratios(
          t.cpuPerRequest,
          bases((f) => tp(f)?.cpuPerRequest),
        ),
      ]),
    ),
  );

  for (const rate of options.rates) {
    const lat = (f) => f.latency?.[rate];
    const direct = byName.direct?.latency?.[rate]?.latency;
    out.push(
      `## Latency at a fixed ${rate} req/s (open loop, ${options.latencySec} s, ms from each request's due time)`,
      table(
        [
          "target",
          "p50",
          "p90",
          "p99",
          "max",
          "added p50 / p99 over direct",
          `p50 ${VS}`,
          `p99 ${VS}`,
          "errors",
        ],
        rowsOf(lat, (r, l) => [
          r.label,
          ms(l.latency.p50),
          ms(l.latency.p90),
          ms(l.latency.p99),
          ms(l.latency.max),
          added(l, direct),
          ratios(
            l.latency.p50,
            bases((f) => lat(f)?.latency?.p50),
          ),
          ratios(
            l.latency.p99,
            bases((f) => lat(f)?.latency?.p99),
          ),
          num(l.errors),
        ]),
      ),
    );
  }

  const streamTable = (pick, extra) =>
    table(
      ["target", "streams/s", "TTFB p50 ms", "TTFB p99 ms", "CPU µs/chunk", "errors", ...extra.header],
      rowsOf(pick, (r, s) => [
        r.label,
        num(s.streamsPerSec),
        ms(s.ttfb.p50),
        ms(s.ttfb.p99),
        num(s.cpuPerChunk, 1),
        num(s.errors),
        ...extra.cells(r, s),
      ]),
    );
  const st = (f) => f.streaming;
  out.push(
    `## Streaming: ${options.streamConcurrency} concurrent streams of ${options.streamChunks} chunks (${options.streamSec} s)`,
    streamTable(st, {
      header: [`streams/s ${VS}`, `CPU/chunk ${VS}`],
      cells: (_, s) => [
        ratios(
          s.streamsPerSec,
          bases((f) => st(f)?.streamsPerSec),
        ),
        ratios(
          s.cpuPerChunk,
          bases((f) => st(f)?.cpuPerChunk),
        ),
      ],
    }),
  );
  const cv = (f) => f.conversion;
  if (measured.some((r) => cv(r.figures))) {
    out.push(
      "## Streaming through the conversion path (OpenAI client → Anthropic upstream), same load",
      streamTable(cv, {
        header: ["CPU/chunk ÷ own passthrough", `streams/s ${VS}`],
        cells: (r, s) => [
          ratios(s.cpuPerChunk, [byName[r.name].streaming?.cpuPerChunk]),
          ratios(
            s.streamsPerSec,
            bases((f) => cv(f)?.streamsPerSec),
          ),
        ],
      }),
    );
  }

  const fl = (f) => f.flushing;
  out.push(
    `## Flushing: upstream sends ${options.flushChunks} chunks ${options.flushIntervalMs} ms apart (${options.flushStreams} streams, 5 at a time; ms)`,
    table(
      [
        "target",
        "first chunk p50",
        "first chunk p99",
        "chunk lag p50",
        "chunk lag p99",
        "chunk lag max",
        `first chunk p50 ${VS}`,
        "errors",
      ],
      rowsOf(fl, (r, f) => [
        r.label,
        ms(f.firstChunk.p50),
        ms(f.firstChunk.p99),
        ms(f.chunkLag.p50),
        ms(f.chunkLag.p99),
        ms(f.chunkLag.max),
        ratios(
          f.firstChunk.p50,
          bases((g) => fl(g)?.firstChunk?.p50),
        ),
        num(f.errors),
      ]),
    ),
  );

  out.push(
    `## Memory (server process; idle streams: ${options.idleStreams} held open at once)`,
    table(
      [
        "target",
        "RSS after start MB",
        "peak RSS MB",
        "idle streams open",
        "KB per idle stream",
        `peak RSS ${VS}`,
      ],
      measured
        .filter((r) => r.figures.rssStart !== undefined)
        .map((r) => {
          const f = r.figures;
          const idle = f.idle && !f.idle.failed ? f.idle : undefined;
          return [
            r.label,
            mb(f.rssStart),
            mb(f.rssPeak),
            idle ? `${idle.opened} / ${idle.count}` : "failed",
            idle ? num(idle.bytesPerStream / 1024, 1) : "–",
            ratios(
              f.rssPeak,
              bases((g) => g.rssPeak),
            ),
          ];
        }),
    ),
  );
  return out;
}

/** Target minus direct latency, p50 / p99, with the direct run paired with the target when there is one. */
function added(l, direct) {
  const base = l.direct ?? direct;
  return base ? `${ms(l.latency.p50 - base.p50)} / ${ms(l.latency.p99 - base.p99)}` : "–";
}

function goals(g, direct, bare) {
  if (!g) return [];
  const v = (figure, pick) => (figure && !figure.failed ? pick(figure) : Number.NaN);
  const lat500 = g.latency?.[500];
  const d500 = lat500?.direct ?? direct?.latency?.[500]?.latency;
  const rows = [
    [
      "non-streaming ≥ 3,000 req/s on one core",
      v(g.throughput, (t) => t.requestsPerSec),
      (x) => x >= 3000,
      num,
    ],
    ["≤ 300 µs CPU per request", v(g.throughput, (t) => t.cpuPerRequest), (x) => x <= 300, num],
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
      "first streamed chunk within 3 ms (flushing, p50)",
      v(g.flushing, (f) => f.firstChunk.p50),
      (x) => x <= 3,
      ms,
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

/**
 * The whole report as markdown.
 *
 * @example
 * renderReport({ results, machine, options, startedAt: new Date() })
 */
export function renderReport({ results, machine, options, startedAt }) {
  const byName = Object.fromEntries(results.filter((r) => r.figures).map((r) => [r.name, r.figures]));
  const runs = table(
    ["target", "version", "status", "background CPU (other processes)", "time s"],
    results.map((r) => [
      r.label,
      r.figures?.version ?? "",
      r.skipped ? `skipped: ${r.skipped}` : "measured",
      Number.isFinite(r.background) ? `${num(r.background)}%` : "–",
      num(r.elapsedSec),
    ]),
  );
  const m = machine;
  return [
    `# Gatehouse benchmark — ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC${options.quick ? " (quick run)" : ""}`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, kernel ${m.kernel}.  `,
    `Tools: node ${m.node}, nginx ${m.nginx}, ${m.wrk}, Portkey ${m.portkey}, Gatehouse ${m.gatehouse}.  `,
    "Pinning: servers on core 0; load generators and the mock upstream on core 1 (taskset). Loopback only.  ",
    "Ratios are value ÷ baseline value from this same run (for req/s and streams/s higher is better; for CPU, latency and memory lower is better). " +
      "Background CPU is what other processes on the machine used during the target's run, as a share of all cores: figures taken with a high one are noisy.",
    runs,
    ...sections(results, options),
    ...goals(byName.gatehouse, byName.direct, byName.bare),
  ].join("\n\n");
}
