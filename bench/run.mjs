// `npm run bench`: Gatehouse measured side by side with nginx, a bare Node proxy and Portkey.
// Starts the mock upstream, then each target in turn alone on the server core, runs every scenario
// (measure-target.mjs), prints the tables and saves them to bench/results/<date>.md. See README.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createChildren } from "./children.mjs";
import { ensureTools } from "./ensure-tools.mjs";
import { gatehouseCli } from "./gatehouse.mjs";
import { describeMachine } from "./machine.mjs";
import { measureTarget } from "./measure-target.mjs";
import { parseOptions, USAGE } from "./options.mjs";
import { clockTicksPerSecond, readCpuMicros, readMachineCpuMicros } from "./proc-stats.mjs";
import { renderReport } from "./report.mjs";
import { labelOf, TARGETS } from "./targets.mjs";
import { freePort, waitForHttp } from "./wait-ready.mjs";

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, "..");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line) => process.stdout.write(`bench: ${line}\n`);

function tools(options) {
  const found = ensureTools(benchDir, options.install);
  return {
    nginx: found.nginx || "nginx is not installed (apt-get install nginx-light)",
    wrk: found.wrk,
    portkey: found.portkey || "Portkey is not installed (npm install --prefix bench/peers)",
    gatehouse:
      gatehouseCli(repoRoot) !== undefined ||
      "apps/cli/dist/main.js not found: run `npm run build` at the repo root, then `npm run bench -- --only gatehouse`",
  };
}

function resultsPath(options, startedAt, workDir) {
  if (options.out) return options.out;
  // A quick run is a smoke test, not a record: it stays in its work dir.
  if (options.quick) return join(workDir, "results.md");
  const date = startedAt.toISOString().slice(0, 10);
  let path = join(benchDir, "results", `${date}.md`);
  for (let n = 2; existsSync(path); n += 1) path = join(benchDir, "results", `${date}-${n}.md`);
  return path;
}

/** Keeps the work dirs (logs, data dirs, nginx prefix) of the last few runs only. */
function pruneWorkDirs(keep) {
  const root = join(benchDir, ".work");
  if (!existsSync(root)) return;
  const runs = readdirSync(root)
    .filter((name) => /^\d{4}-\d\d-\d\dT/.test(name))
    .sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** CPU used by everything but the harness's own processes, as a share of all cores, over `run`. */
async function withBackground(pids, ticks, run) {
  const own = () =>
    readCpuMicros(process.pid, ticks, { withChildren: true }) +
    pids.reduce((sum, pid) => sum + (pid ? readCpuMicros(pid, ticks) : 0), 0);
  const [machine0, own0] = [readMachineCpuMicros(ticks), own()];
  const result = await run();
  const [machine1, own1] = [readMachineCpuMicros(ticks), own()];
  const background =
    (100 * (machine1.busy - machine0.busy - (own1 - own0))) / (machine1.total - machine0.total);
  return { ...result, background: Math.max(0, background) };
}

async function runTarget(target, ctx) {
  const t0 = performance.now();
  const elapsedSec = () => (performance.now() - t0) / 1000;
  let handle;
  try {
    handle = await target.start({ ...ctx, port: await freePort() });
    say(`${target.label}: started${handle.child ? ` (pid ${handle.child.pid}, core ${SERVER_CORE})` : ""}`);
    const pids = [ctx.upstream.pid, handle.child?.pid];
    const measure = async () => ({ figures: await measureTarget(handle, { ...ctx, label: target.label }) });
    return { ...(await withBackground(pids, ctx.ticks, measure)), elapsedSec: elapsedSec() };
  } catch (error) {
    say(`${target.label}: FAILED: ${error.message}`);
    return { skipped: `failed: ${error.message.slice(0, 300)}`, elapsedSec: elapsedSec() };
  } finally {
    if (handle?.child) await ctx.children.stop(handle.child);
    await handle?.cleanup?.();
  }
}

/** The targets chosen by --only/--skip, in TARGETS order; an unknown name is an error. */
function chooseTargets(options) {
  const unknown = [...(options.only ?? []), ...options.skip].filter(
    (n) => !TARGETS.some((t) => t.name === n),
  );
  if (unknown.length > 0) {
    throw new Error(`unknown target(s) ${unknown.join(", ")}; known: ${TARGETS.map((t) => t.name)}`);
  }
  return TARGETS.filter(
    (t) => (!options.only || options.only.includes(t.name)) && !options.skip.includes(t.name),
  );
}

async function startUpstream(children, workDir) {
  const port = await freePort();
  const argv = [process.execPath, join(benchDir, "mock-upstream.mjs"), String(port)];
  const child = children.start("mock upstream", argv, {
    core: LOAD_CORE,
    logFile: join(workDir, "mock-upstream.log"),
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/__bench/config`, { child });
  return { child, port, origin };
}

async function warnIfBusy(ctx) {
  const { background } = await withBackground([ctx.upstream.pid], ctx.ticks, () => sleep(2000));
  if (background > 15) {
    say(
      `WARNING: other processes use ${Math.round(background)}% of the machine's CPU: figures will be noisy`,
    );
  }
}

function save(results, { options, startedAt, workDir }) {
  const machine = describeMachine({ benchDir, repoRoot });
  const path = resultsPath(options, startedAt, workDir);
  mkdirSync(dirname(path), { recursive: true });
  // The raw figures first: a run of many minutes must not be lost to a fault in the report's rendering.
  const raw = { startedAt, machine, options, results };
  writeFileSync(path.replace(/\.md$/, ".json"), `${JSON.stringify(raw, null, 2)}\n`);
  const text = renderReport({ results, machine, options, startedAt });
  process.stdout.write(`\n${text}\n\n`);
  writeFileSync(path, `${text}\n`);
  say(`saved ${relative(process.cwd(), path)} (${Math.round((Date.now() - startedAt) / 1000)} s)`);
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const chosen = chooseTargets(options);
  // The harness itself (and the load generators it starts) stays off the server core.
  spawnSync("taskset", ["-a", "-p", "-c", String(LOAD_CORE), String(process.pid)], { stdio: "ignore" });
  const startedAt = new Date();
  const available = tools(options);
  if (!available.wrk) throw new Error("wrk is required (apt-get install wrk)");
  pruneWorkDirs(4);
  const workDir = join(benchDir, ".work", startedAt.toISOString().replace(/[:.]/g, "-"));
  mkdirSync(workDir, { recursive: true });
  const children = createChildren();
  const upstream = await startUpstream(children, workDir);
  const ctx = {
    ...{ children, options, workDir, benchDir, repoRoot, serverCore: SERVER_CORE, loadCore: LOAD_CORE },
    ...{ upstream: upstream.child, upstreamPort: upstream.port, upstreamOrigin: upstream.origin },
    ticks: clockTicksPerSecond(),
    // With the direct baseline chosen, each target's latency run is paired with a direct run just before.
    direct: chosen.some((t) => t.name === "direct")
      ? { origin: upstream.origin, path: "/v1/chat/completions", model: "bench-model" }
      : undefined,
  };
  await warnIfBusy(ctx);
  const results = [];
  for (const target of chosen) {
    const missing = target.needs && available[target.needs];
    if (missing !== undefined && missing !== true) {
      say(`${target.label}: SKIPPED: ${missing}`);
      results.push({ name: target.name, label: target.label, skipped: missing });
      continue;
    }
    say(`${target.label}: starting`);
    const label = labelOf(target, options);
    results.push({ name: target.name, label, ...(await runTarget({ ...target, label }, ctx)) });
  }
  await children.stopAll();
  save(results, { options, startedAt, workDir });
}

main().catch((error) => {
  process.stderr.write(`bench: ${process.env.BENCH_DEBUG ? error.stack : error.message}\n`);
  process.exit(1);
});
