// The harness's options: flags, or BENCH_* environment variables (flag wins), over full-run defaults.
import { parseArgs } from "node:util";

const FULL = {
  warmupSec: 5, // closed-loop warm-up before max throughput (Portkey: at least its own 20 s)
  throughputSec: 10,
  connections: 50, // wrk keep-alive connections
  latencySec: 10, // per open-loop rate, after 1 s at the same rate not counted
  rates: [100, 500],
  streamSec: 10,
  streamWarmupSec: 2,
  streamConcurrency: 50,
  streamChunks: 100,
  flushStreams: 20,
  flushChunks: 20,
  flushIntervalMs: 20,
  idleStreams: 1000,
  promptBytes: 400, // user message in each request
  jsonBytes: 400, // answer text of a non-streaming response
  chunkBytes: 40, // text of each streamed chunk
  // Gatehouse only (targets with keys and breakers), after the scenarios above:
  breaker: true, // breaker open on one of two deployments
  wrongKey: true, // big bodies with wrong keys
  wrongKeyRequests: 50, // at once, 9 MB each, per wrong key
  stress: true, // fuzz, big bodies, aborted streams, idle, then "after stress"
  fuzzBodies: 2000, // per surface
  fuzzSeed: 1,
  bigBodies: 100, // 10 MiB each, at once
  abortedStreams: 1000,
  stressIdleSec: 30,
};

const QUICK = {
  warmupSec: 1,
  throughputSec: 3,
  latencySec: 3,
  streamSec: 3,
  streamWarmupSec: 1,
  flushStreams: 10,
  idleStreams: 200,
  fuzzBodies: 200,
  abortedStreams: 200,
  stressIdleSec: 10,
};

export const USAGE = `npm run bench [-- options]     (node bench/run.mjs)
  --quick               short smoke run (seconds per scenario instead of ten), results in bench/.work/
  --only a,b            targets to run: direct,nginx,bare,portkey,gatehouse (default all)
  --skip a,b            targets not to run
  --no-install          never call apt-get or npm (missing nginx/wrk/Portkey: those targets are skipped)
  --throughput-sec N    --latency-sec N    --stream-sec N    --warmup-sec N    --connections N
  --rates 100,500       --idle-streams N   --stream-chunks N --stream-concurrency N
  --no-breaker          Gatehouse: skip "breaker open on one of two deployments"
  --no-wrong-key        Gatehouse: skip the wrong-key big bodies (auth before body)
  --no-stress           Gatehouse: skip the stress run, its idle period and "after stress"
  --wrong-key-requests N  --fuzz-bodies N (per surface)  --fuzz-seed N  --big-bodies N
  --aborted-streams N   --stress-idle-sec N
  --limits memory|redis Gatehouse: a rate limit on the bench key and a tenant budget (both too high to
                        refuse), in memory or in Redis (REDIS_URL, else redis://127.0.0.1:6379)
  --out FILE            write the markdown here instead of bench/results/<date>.md
Every flag also reads from the environment: BENCH_QUICK=1, BENCH_ONLY=gatehouse, BENCH_STREAM_SEC=5 ...`;

const NUMERIC = [
  "throughput-sec",
  "latency-sec",
  "stream-sec",
  "warmup-sec",
  "connections",
  "idle-streams",
  "stream-chunks",
  "stream-concurrency",
  "wrong-key-requests",
  "fuzz-bodies",
  "fuzz-seed",
  "big-bodies",
  "aborted-streams",
  "stress-idle-sec",
];

/** Scenarios that can be left out, each with its `--no-…` flag and BENCH_NO_… variable. */
const SKIPPABLE = ["breaker", "wrong-key", "stress"];

/** Where `--limits` keeps Gatehouse's rate-limit counters and budget holds. */
const LIMITS = ["memory", "redis"];

const camel = (flag) => flag.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const envName = (flag) => `BENCH_${flag.replace(/-/g, "_").toUpperCase()}`;
const list = (text) =>
  text
    ? text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * Parses `argv` (and `env`) into the harness's options.
 *
 * @example
 * parseOptions(["--quick", "--only", "gatehouse,bare"], {}).only // ["gatehouse", "bare"]
 */
export function parseOptions(argv, env = process.env) {
  const flags = Object.fromEntries(
    [...NUMERIC, "only", "skip", "rates", "out", "limits"].map((name) => [name, { type: "string" }]),
  );
  const { values } = parseArgs({
    args: argv,
    options: {
      ...flags,
      quick: { type: "boolean" },
      "no-install": { type: "boolean" },
      ...Object.fromEntries(SKIPPABLE.map((name) => [`no-${name}`, { type: "boolean" }])),
      help: { type: "boolean" },
    },
  });
  const read = (flag) => values[flag] ?? env[envName(flag)];
  const quick = values.quick ?? env.BENCH_QUICK === "1";
  const options = { ...FULL, ...(quick ? QUICK : {}), quick, help: values.help === true };
  for (const flag of NUMERIC) {
    const value = read(flag);
    if (value !== undefined) {
      const number = Number(value);
      if (!Number.isFinite(number) || number <= 0) throw new Error(`--${flag} must be a positive number`);
      options[camel(flag)] = number;
    }
  }
  options.rates = list(read("rates"))?.map(Number) ?? options.rates;
  options.only = list(read("only"));
  options.skip = list(read("skip")) ?? [];
  options.install = !(values["no-install"] ?? env.BENCH_NO_INSTALL === "1");
  for (const name of SKIPPABLE) {
    options[camel(name)] = !(values[`no-${name}`] ?? env[envName(`no-${name}`)] === "1");
  }
  options.out = read("out");
  options.limits = read("limits");
  if (options.limits !== undefined && !LIMITS.includes(options.limits))
    throw new Error(`--limits must be one of ${LIMITS.join(", ")}`);
  return options;
}
