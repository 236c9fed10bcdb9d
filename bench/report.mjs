// The report: one markdown document with the machine, a table per figure (ratios against nginx, the
// bare Node proxy and Portkey measured in the same run), and Gatehouse against the goals.
import { BREAKER_RATE } from "./breaker-open.mjs";
import { mb, ms, num, ratios, table } from "./report-format.mjs";
import { goalsSection } from "./report-goals.mjs";
import { robustnessSections } from "./report-robustness.mjs";

const BASELINES = ["nginx", "bare", "portkey"];
const VS = "÷ nginx / bare / Portkey";
export const BREAKER_ROW = ": breaker open on one of two deployments";
export const AFTER_STRESS_ROW = ": after stress";
export const RESPONSES_ROW = ": Responses API surface (POST /v1/responses)";
export const RESPONSES_STREAM_ROW = ": Responses API surface (POST /v1/responses, streamed)";

/** A figure of the breaker scenario: `pick` of it, or the scenario's failure. */
const ofBreaker = (pick) => (f) =>
  f.breakerOpen && (f.breakerOpen.failed ? f.breakerOpen : pick(f.breakerOpen));

function sections(results, options) {
  const measured = results.filter((r) => r.figures);
  const byName = Object.fromEntries(measured.map((r) => [r.name, r.figures]));
  const bases = (pick) => BASELINES.map((name) => (byName[name] ? pick(byName[name]) : undefined));
  const ok = (figure) => figure && !figure.failed;
  // `suffix` names a row of a target's own variant (breaker open, after stress) under its label.
  const rowsOf = (pick, render, suffix = "") =>
    measured
      .filter((r) => pick(r.figures) !== undefined)
      .map((r) => ({ ...r, label: r.label + suffix }))
      .map((r) =>
        ok(pick(r.figures))
          ? render(r, pick(r.figures))
          : [r.label, `failed: ${pick(r.figures).failed.slice(0, 120)}`],
      );
  const out = [];

  const tp = (f) => f.throughput;
  const throughputRow = (r, t) => [
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
  ];
  out.push(
    `## Non-streaming max throughput (wrk, ${options.connections} connections, ${options.throughputSec} s)`,
    table(
      ["target", "req/s", "CPU µs/request", "errors", `req/s ${VS}`, `CPU/request ${VS}`],
      [
        ...rowsOf(tp, throughputRow),
        ...rowsOf(
          ofBreaker((b) => b.throughput),
          throughputRow,
          BREAKER_ROW,
        ),
        ...rowsOf((f) => f.responsesThroughput, throughputRow, RESPONSES_ROW),
        ...rowsOf((f) => f.afterStress, throughputRow, AFTER_STRESS_ROW),
      ],
    ),
  );

  const withBreaker = measured.some((r) => r.figures.breakerOpen);
  for (const rate of [...new Set([...options.rates, ...(withBreaker ? [BREAKER_RATE] : [])])]) {
    const lat = (f) => f.latency?.[rate];
    const direct = byName.direct?.latency?.[rate]?.latency;
    const latencyRow = (r, l) => [
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
    ];
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
        [
          ...rowsOf(lat, latencyRow),
          ...rowsOf(
            ofBreaker((b) => b.latency[rate]),
            latencyRow,
            BREAKER_ROW,
          ),
        ],
      ),
    );
  }

  // `variants`: rows of a target's own variant (the Responses surface) under the same columns.
  const streamTable = (pick, extra, variants = []) => {
    const row = (r, s) => [
      r.label,
      num(s.streamsPerSec),
      ms(s.ttfb.p50),
      ms(s.ttfb.p99),
      num(s.cpuPerChunk, 1),
      num(s.errors),
      ...extra.cells(r, s),
    ];
    return table(
      ["target", "streams/s", "TTFB p50 ms", "TTFB p99 ms", "CPU µs/chunk", "errors", ...extra.header],
      [...rowsOf(pick, row), ...variants.flatMap((v) => rowsOf(v.pick, row, v.suffix))],
    );
  };
  const st = (f) => f.streaming;
  out.push(
    `## Streaming: ${options.streamConcurrency} concurrent streams of ${options.streamChunks} chunks (${options.streamSec} s)`,
    streamTable(
      st,
      {
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
      },
      [{ pick: (f) => f.responsesStreaming, suffix: RESPONSES_STREAM_ROW }],
    ),
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
    ...robustnessSections(results, options),
    ...goalsSection(byName, options),
  ].join("\n\n");
}
