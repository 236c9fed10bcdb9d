// The report's sections for the scenarios only Gatehouse runs (it alone has keys and breakers): breaker
// open on one of two deployments, wrong keys with big bodies, the stress run. Other targets get "–" rows.
import { mb, ms, num, table } from "./report-format.mjs";

const MAX_LISTED_FAILURES = 20;

const ok = (figure) => figure && !figure.failed;
const failedRow = (label, figure, width) => [
  label,
  `failed: ${figure.failed.slice(0, 120)}`,
  ...Array(width - 2).fill(""),
];
const dashes = (label, width) => [label, ...Array(width - 1).fill("–")];

/** `{ 200: 3, 400: 1 }` as "200: 3, 400: 1". */
export function statusList(statuses) {
  return Object.entries(statuses ?? {})
    .map(([status, n]) => `${status}: ${num(n)}`)
    .join(", ");
}

/** Rows of every server target: `render(r, figure)` where `pick` finds one, "–" where not. */
function rowsFor(servers, pick, width, render) {
  return servers.flatMap((r) => {
    const figure = pick(r.figures);
    if (figure === undefined) return [dashes(r.label, width)];
    if (!ok(figure)) return [failedRow(r.label, figure, width)];
    return render(r, figure);
  });
}

function breakerSection(servers) {
  const header = [
    "target",
    "requests until open",
    "their answers",
    "failing deployment reached while measured",
    "its breaker after",
  ];
  return [
    "## Breaker open on one of two deployments (set-up and check of the rows above)",
    table(
      header,
      rowsFor(
        servers,
        (f) => f.breakerOpen,
        header.length,
        (r, b) => [
          [
            r.label,
            num(b.trip.requests),
            statusList(b.trip.statuses) || "none needed",
            num(b.failingHits),
            b.stateAfter,
          ],
        ],
      ),
    ),
  ];
}

function wrongKeySection(servers, options) {
  const header = [
    "target",
    "key",
    "401s",
    "other answers",
    "401 p50 ms",
    "401 p99 ms",
    "sent before the 401, p50 MB",
    "RSS before MB",
    "RSS growth MB (peak − before)",
  ];
  return [
    `## Wrong key: ${options.wrongKeyRequests} requests at once, each declaring and sending a 9 MB body (auth before body)`,
    table(
      header,
      rowsFor(
        servers,
        (f) => f.wrongKey,
        header.length,
        (r, w) =>
          w.rounds.map((round) => [
            r.label,
            round.variant,
            num(round.statuses["401"] ?? 0),
            statusList(Object.fromEntries(Object.entries(round.statuses).filter(([s]) => s !== "401"))) ||
              "none",
            ms(round.latency.p50),
            ms(round.latency.p99),
            mb(round.sentBeforeStatus.p50),
            mb(round.rssBefore),
            mb(round.rssGrowth),
          ]),
      ),
    ),
  ];
}

function failureLines(servers) {
  const failures = servers.flatMap((r) =>
    ok(r.figures.stress)
      ? Object.values(r.figures.stress.fuzz).flatMap((f) => (ok(f) ? f.failures : []))
      : [],
  );
  if (failures.length === 0) return [];
  const lines = failures
    .slice(0, MAX_LISTED_FAILURES)
    .map(
      (f) =>
        `- ${f.status} on ${f.surface} body ${f.index} (seed ${f.seed}; ${f.kind}: ${f.detail}${f.stream ? "; streaming" : ""}): ` +
        `\`${f.answer.replace(/\s+/g, " ").replace(/`/g, "'").slice(0, 160)}\``,
    );
  const more =
    failures.length > MAX_LISTED_FAILURES
      ? [`- … ${failures.length - MAX_LISTED_FAILURES} more in the JSON`]
      : [];
  return [
    "5xx answers and unanswered requests in the fuzz (each body is saved under `bench/.work/<run>/fuzz-failures/`; `fuzzBody(surface, { seed, index })` rebuilds it):",
    [...lines, ...more].join("\n"),
  ];
}

function fuzzSection(servers, options) {
  const header = ["target", "surface", "bodies", "2xx", "4xx", "5xx", "no answer", "statuses"];
  return [
    `## Stress 1/2: fuzzed bodies, ${num(options.fuzzBodies)} per surface (seed ${options.fuzzSeed}), valid key`,
    table(
      header,
      rowsFor(
        servers,
        (f) => f.stress,
        header.length,
        (r, s) =>
          Object.entries(s.fuzz).map(([surface, f]) =>
            ok(f)
              ? [
                  r.label,
                  surface,
                  num(f.count),
                  num(f.classes["2xx"]),
                  num(f.classes["4xx"]),
                  num(f.classes["5xx"]),
                  num(f.classes["no answer"]),
                  statusList(f.statuses),
                ]
              : [r.label, surface, `failed: ${f.failed.slice(0, 120)}`, "", "", "", "", ""],
          ),
      ),
    ),
    ...failureLines(servers),
  ];
}

function stressSection(servers, options) {
  const header = [
    "target",
    "10 MiB bodies: 200s",
    "their p50 / p99 s",
    "streams aborted after 1st chunk",
    "upstream streams ended early",
    "RSS after start MB",
    "before stress MB",
    "peak during stress MB",
    `after ${options.stressIdleSec} s idle MB`,
    "÷ after start",
  ];
  const part = (figure, show) => (ok(figure) ? show(figure) : figure ? "failed" : "–");
  return [
    `## Stress 2/2: ${options.bigBodies} concurrent 10 MiB bodies, ${num(options.abortedStreams)} streams aborted by the client, then ${options.stressIdleSec} s idle`,
    table(
      header,
      rowsFor(
        servers,
        (f) => f.stress,
        header.length,
        (r, s) => [
          [
            r.label,
            part(s.bigBodies, (b) => `${num(b.statuses["200"] ?? 0)} / ${num(b.count)}`),
            part(s.bigBodies, (b) => `${num(b.latency.p50 / 1000, 2)} / ${num(b.latency.p99 / 1000, 2)}`),
            part(s.abortedStreams, (a) => `${num(a.aborted)} / ${num(a.count)}`),
            part(s.abortedStreams, (a) => num(a.upstreamCancelled)),
            mb(r.figures.rssStart),
            mb(s.rssBefore),
            mb(s.rssPeak),
            mb(s.rssAfterIdle),
            Number.isFinite(s.rssAfterIdle / r.figures.rssStart)
              ? `${num(s.rssAfterIdle / r.figures.rssStart, 2)}×`
              : "–",
          ],
        ],
      ),
    ),
  ];
}

/**
 * The sections of the scenarios that ran (none when no target ran them): one row per server target, "–"
 * for targets without keys or breakers.
 *
 * @example
 * robustnessSections(results, options) // ["## Breaker open …", "| target | …", …]
 */
export function robustnessSections(results, options) {
  const servers = results.filter((r) => r.figures?.rssStart !== undefined);
  const ran = (pick) => servers.some((r) => pick(r.figures) !== undefined);
  return [
    ...(ran((f) => f.breakerOpen) ? breakerSection(servers) : []),
    ...(ran((f) => f.wrongKey) ? wrongKeySection(servers, options) : []),
    ...(ran((f) => f.stress) ? [...fuzzSection(servers, options), ...stressSection(servers, options)] : []),
  ];
}
