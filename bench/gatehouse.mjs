// Gatehouse itself, on its embedded default (SQLite data dir, in-memory limits) with a realistic
// configuration: a provider and model routed to the mock upstream, a gateway key checked on every
// request, usage records written, one JSON log line per request (LOG_LEVEL=info, to a file).
// The configuration grows with the product: never measure a bare path.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { benchRedisUrl, enableLimits, forgetRedisKeys } from "./gatehouse-limits.mjs";
import { FAILING_PREFIX } from "./mock-upstream.mjs";
import { waitForHttp } from "./wait-ready.mjs";

/** Path of the built CLI, or undefined when `npm run build` has not produced it yet. */
export function gatehouseCli(repoRoot) {
  const cli = join(repoRoot, "apps/cli/dist/main.js");
  return existsSync(cli) ? cli : undefined;
}

/**
 * The node flags of the root package.json's `start` script (`node <flags> apps/cli/dist/main.js start`):
 * Gatehouse is measured as `npm start` runs it, heap tuning included (docs/adr/0001-memory-footprint.md).
 *
 * @example
 * startScriptNodeFlags("node --max-semi-space-size=4 apps/cli/dist/main.js start"); // ["--max-semi-space-size=4"]
 */
export function startScriptNodeFlags(script) {
  const words = script.trim().split(/\s+/);
  if (words[0] !== "node") throw new Error(`the start script does not run node: ${script}`);
  const entry = words.findIndex((w, i) => i > 0 && !w.startsWith("-"));
  if (entry === -1) throw new Error(`the start script names no entry file: ${script}`);
  return words.slice(1, entry);
}

function gatehouseNodeFlags(repoRoot) {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  return startScriptNodeFlags(pkg.scripts.start);
}

/** The current commit of the repository (read only), for the results file. */
export function gatehouseCommit(repoRoot) {
  try {
    return execFileSync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

// Variables of the caller's shell that would change what is measured: DATABASE_URL would leave the
// embedded default for PostgreSQL; provider keys would add real providers on first start.
const UNSET = [
  "DATABASE_URL",
  "REDIS_URL",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "ANTHROPIC_API_KEY",
  "GEMINI_API_KEY",
  "OLLAMA_HOST",
];
const unsetEnv = () => Object.fromEntries(UNSET.map((name) => [name, undefined]));

function runCli(cli, dataDir, args) {
  const env = { ...process.env, ...unsetEnv(), GATEHOUSE_DATA_DIR: dataDir };
  for (const name of UNSET) delete env[name];
  return execFileSync(process.execPath, [cli, ...args, "--data-dir", dataDir], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
}

function parseKey(stdout) {
  for (const line of stdout.trim().split("\n").reverse()) {
    try {
      const parsed = JSON.parse(line);
      if (typeof parsed.key === "string") return parsed;
    } catch {
      // not the JSON line
    }
  }
  throw new Error(`keys create printed no key: ${stdout.slice(0, 200)}`);
}

/** The ids of every deployment (they name Gatehouse's circuit-breaker keys in Redis). */
function deploymentIds(cli, dataDir) {
  const models = JSON.parse(runCli(cli, dataDir, ["models", "list", "--json"]));
  return models.flatMap((m) => m.deployments.map((d) => d.id));
}

/** The breaker scenario's model: two deployments, the mock upstream and its always-failing prefix. */
export const BREAKER_MODEL = "bench-two";
export const FAILING_PROVIDER = "bench-failing";

/**
 * Adds `bench-two`, served by the mock (provider bench-openai) and by a provider whose every answer is
 * a 500; undefined (with a line saying why) when this build's CLI cannot express it.
 */
function configureBreakerModel(cli, dataDir, upstream) {
  try {
    runCli(cli, dataDir, [
      ...["providers", "add", FAILING_PROVIDER, "--kind", "openai"],
      ...["--base-url", `${upstream}${FAILING_PREFIX}v1`, "--api-key", "sk-bench-upstream"],
      ...["--models", BREAKER_MODEL],
    ]);
    runCli(cli, dataDir, ["models", "route", BREAKER_MODEL, "--provider", "bench-openai"]);
    return { model: BREAKER_MODEL, failingProvider: FAILING_PROVIDER };
  } catch (error) {
    const why = String(error.stderr ?? error)
      .trim()
      .slice(0, 200);
    process.stdout.write(`bench: gatehouse: no breaker scenario (${why})\n`);
    return undefined;
  }
}

/**
 * Configures a fresh data dir, starts `gatehouse start` pinned to the server core, and returns the
 * target handle. The conversion path (OpenAI client → Anthropic upstream, model `claude-bench`) is
 * registered too; whether it answers is probed by the harness before it is measured. So is the breaker
 * scenario's model (`breaker`); `key` is the gateway key, for the surfaces' other header styles.
 * With `options.limits` (memory|redis), limits and budgets are switched on (gatehouse-limits.mjs); with
 * redis, the server gets REDIS_URL and the handle a `cleanup` that deletes the run's Redis keys.
 */
export async function startGatehouse({
  children,
  options,
  repoRoot,
  workDir,
  port,
  upstreamPort,
  serverCore,
}) {
  const cli = gatehouseCli(repoRoot);
  if (!cli) throw new Error("apps/cli/dist/main.js not built yet (npm run build at the repo root)");
  const dataDir = join(workDir, "gatehouse-data");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const upstream = `http://127.0.0.1:${upstreamPort}`;
  runCli(cli, dataDir, [
    "providers",
    "add",
    "bench-openai",
    "--kind",
    "openai",
    "--base-url",
    `${upstream}/v1`,
    "--api-key",
    "sk-bench-upstream",
    "--models",
    "bench-model",
  ]);
  let conversion;
  try {
    runCli(cli, dataDir, [
      "providers",
      "add",
      "bench-anthropic",
      "--kind",
      "anthropic",
      "--base-url",
      upstream,
      "--api-key",
      "sk-bench-upstream",
      "--models",
      "claude-bench",
    ]);
    conversion = { model: "claude-bench" };
  } catch (error) {
    process.stdout.write(
      `bench: gatehouse: no anthropic provider (${String(error.stderr ?? error)
        .trim()
        .slice(0, 200)})\n`,
    );
  }
  const breaker = configureBreakerModel(cli, dataDir, upstream);
  const created = parseKey(runCli(cli, dataDir, ["keys", "create", "--name", "bench", "--json"]));
  const key = created.key;
  const limits = options?.limits;
  const redisUrl = limits === "redis" ? benchRedisUrl() : undefined;
  const env = {
    ...unsetEnv(),
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    GATEHOUSE_DATA_DIR: dataDir,
    ...(redisUrl && { REDIS_URL: redisUrl }),
  };
  const logFile = join(workDir, "gatehouse.log");
  const child = children.start(
    "gatehouse",
    [process.execPath, ...gatehouseNodeFlags(repoRoot), cli, "start", "--data-dir", dataDir],
    {
      core: serverCore,
      env,
      cwd: repoRoot,
      logFile,
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/readyz`, { child, timeoutMs: 60_000 });
  const on =
    limits &&
    (await enableLimits({ cli, origin, logFile, workDir, keyId: created.id, key, model: "bench-model" }));
  const headers = { authorization: `Bearer ${key}` };
  return {
    child,
    ...(redisUrl &&
      on && { cleanup: () => forgetRedisKeys(redisUrl, [...on.ids, ...deploymentIds(cli, dataDir)]) }),
    origin,
    path: "/v1/chat/completions",
    model: "bench-model",
    headers,
    conversion: conversion && { ...conversion, headers },
    // The Responses surface over the same OpenAI upstream (converted to chat completions). A streamed
    // answer carries each chunk's text 5 times: its output_text.delta, then the whole text again in
    // output_text.done, content_part.done, output_item.done and response.completed (the probe checks it).
    responses: {
      surface: "responses",
      path: "/v1/responses",
      model: "bench-model",
      headers,
      stampCopies: 5,
    },
    breaker: breaker && { ...breaker, headers },
    key,
    warmupSec: 5,
    dataDir,
  };
}
