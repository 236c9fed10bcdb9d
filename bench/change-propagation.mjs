#!/usr/bin/env node
// The change-propagation row (issue 10, item 7): does creating keys in one tenant move the data plane's
// p99 in another, on an installation of 100 tenants, 10,000 keys and 1,000 models?
//
//   node bench/change-propagation.mjs [--rate 200] [--seconds 10] [--creates-per-second 10] [--rounds 2]
//                                     [--keys-first] [--reads-instead]
//
// Seeds a fresh SQLite data dir (bench/.work/change-propagation-<time>/) straight through the built
// store, starts `gatehouse start` on it pinned to core 0 (the mock upstream, the load and this script on
// core 1, as in run.mjs), then runs the same open-loop load (load/open-loop.mjs: fixed rate, latency from
// each request's due time) on tenant 0 four times, interleaved: quiet; while keys are created through
// the control-plane API in tenant 99; quiet; with key creations again. Prints a table and one JSON line. Needs `npx tsc -b` (apps/server/dist, apps/cli/dist) first.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createChildren } from "./children.mjs";
import { runLoad } from "./load/run-load.mjs";
import { chatRequestBody } from "./request-body.mjs";
import { freePort, waitForHttp } from "./wait-ready.mjs";

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const TENANTS = 100;
const KEYS_PER_TENANT = 100;
const MODELS_PER_TENANT = 10;
const PASSWORD = "bench-password-not-secret";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = join(benchDir, "..");
const server = (path) => import(join(repoRoot, "apps/server/dist", path));

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "10" },
    "creates-per-second": { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    "keys-first": { type: "boolean", default: false },
    // A control: the same rate of control-plane calls that change nothing (GET /api/auth/me), to tell the
    // cost of a change (write + propagation) from the cost of any control-plane request on the process.
    "reads-instead": { type: "boolean", default: false },
  },
});
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const createsPerSecond = Number(args["creates-per-second"]);
const rounds = Number(args.rounds);

/** Seeds the data dir: every tenant gets a workspace, a provider on the mock with 10 models, 100 keys. */
async function seed(dataDir, upstream) {
  const { loadConfig, openStorage, registerProvider, issueApiKey } = await server("index.js");
  const { createPasswordHasher } = await server("identity/session/password-hasher.js");
  const config = loadConfig({ GATEHOUSE_DATA_DIR: dataDir });
  const { store, credentialVault } = await openStorage(config);
  const tenants = [];
  const started = performance.now();
  for (let t = 0; t < TENANTS; t++) {
    const tenant = await store.tenants.create({ name: `tenant-${t}` });
    const workspace = await store.workspaces.create({ tenantId: tenant.id, name: "default" });
    await registerProvider(store, credentialVault, {
      tenantId: tenant.id,
      kind: "openai",
      name: "mock",
      baseUrl: `${upstream}/v1`,
      apiKey: "sk-bench-upstream",
      models: Array.from({ length: MODELS_PER_TENANT }, (_, i) => `model-${i}`),
    });
    let key;
    for (let k = 0; k < KEYS_PER_TENANT; k++) {
      key = (await issueApiKey(store, { tenantId: tenant.id, workspaceId: workspace.id, name: `k${k}` }))
        .secret;
    }
    tenants.push({ tenant, workspace, key });
  }
  // The tenant where keys are created during the run: an owner who signs in to the control plane.
  const writer = tenants.at(-1);
  const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
  await store.users.create({
    tenantId: writer.tenant.id,
    email: "owner@bench.test",
    name: "Bench Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  const seededMs = performance.now() - started;
  await store.close();
  return { tenants, writer, seededMs };
}

/**
 * What applying one change costs the instance, measured in this process on the seeded store (no load,
 * so the machine's noise matters less than in the latency rows): the scoped update for a key created in
 * one tenant, and for a model changed in one tenant, against the full rebuild (every tenant's catalog,
 * every credential decrypted) that the single global revision used to cost for either.
 */
async function applyCosts(dataDir, writer, rounds = 20) {
  const { loadConfig, openStorage, issueApiKey, createApp, createLogger } = await server("index.js");
  const { loadCatalog } = await server("routing/load-catalog.js");
  const { store, secretBox, credentialVault } = await openStorage(
    loadConfig({ GATEHOUSE_DATA_DIR: dataDir }),
  );
  const logger = createLogger("silent");
  const app = await createApp({ store, secretBox, credentialVault, logger, refreshIntervalMs: 3_600_000 });
  const timed = async (fn) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const keys = [];
  const models = [];
  const full = [];
  const [model] = await store.models.list(writer.tenant.id);
  for (let i = 0; i < rounds; i++) {
    await issueApiKey(store, {
      tenantId: writer.tenant.id,
      workspaceId: writer.workspace.id,
      name: `cost-${i}`,
    });
    keys.push(await timed(() => app.refresh()));
    await store.models.update(writer.tenant.id, model.id, { aliases: [`alias-${i}`] });
    models.push(await timed(() => app.refresh()));
    full.push(
      await timed(async () => {
        app.runtime.catalog = await loadCatalog({ store, vault: credentialVault, logger });
        app.runtime.keys.clear();
      }),
    );
  }
  await app.shutdown();
  await store.close();
  const stats = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50Ms: sorted[Math.floor(sorted.length / 2)], maxMs: sorted.at(-1) };
  };
  return { rounds, keyScoped: stats(keys), modelScoped: stats(models), fullRebuild: stats(full) };
}

async function api(origin, method, path, { token, body } = {}) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body && { "content-type": "application/json" }),
    },
    ...(body && { body: JSON.stringify(body) }),
  });
  const json = await res.json().catch(() => undefined);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Calls `change` createsPerSecond times a second until stopped; counts successes and their latency. */
function churn(change) {
  let stopped = false;
  const latencies = [];
  let failures = 0;
  const loop = (async () => {
    const gap = 1000 / createsPerSecond;
    while (!stopped) {
      const t0 = performance.now();
      try {
        await change();
        latencies.push(performance.now() - t0);
      } catch (err) {
        failures += 1;
        if (failures === 1) process.stderr.write(`change failed: ${err.message}\n`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, gap - (performance.now() - t0))));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    latencies.sort((a, b) => a - b);
    return {
      changes: latencies.length,
      failures,
      p50Ms: latencies[Math.floor(latencies.length * 0.5)] ?? null,
      p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? null,
    };
  };
}

async function main() {
  spawnSync("taskset", ["-a", "-p", "-c", String(LOAD_CORE), String(process.pid)], { stdio: "ignore" });
  const workDir = join(benchDir, ".work", `change-propagation-${Date.now()}`);
  const dataDir = join(workDir, "gatehouse-data");
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const children = createChildren();
  try {
    const upstreamPort = await freePort();
    const mock = children.start(
      "mock upstream",
      [process.execPath, join(benchDir, "mock-upstream.mjs"), String(upstreamPort)],
      {
        core: LOAD_CORE,
        logFile: join(workDir, "mock-upstream.log"),
      },
    );
    const upstream = `http://127.0.0.1:${upstreamPort}`;
    await waitForHttp(`${upstream}/__bench/config`, { child: mock });
    const { tenants, writer, seededMs } = await seed(dataDir, upstream);
    process.stdout.write(
      `seeded ${TENANTS} tenants, ${TENANTS * KEYS_PER_TENANT} keys, ${TENANTS * MODELS_PER_TENANT} models in ${(seededMs / 1000).toFixed(1)} s\n`,
    );
    const costs = await applyCosts(dataDir, writer);
    const f = (x) => `${x.p50Ms.toFixed(2)} / ${x.maxMs.toFixed(2)}`;
    process.stdout.write(
      `\n| applying one change (${costs.rounds} rounds, in process) | p50 / max ms |\n|---|---|\n` +
        `| key created in one tenant (scoped: that tenant's keys dropped) | ${f(costs.keyScoped)} |\n` +
        `| model changed in one tenant (scoped: that tenant's routes rebuilt) | ${f(costs.modelScoped)} |\n` +
        `| full rebuild (what every change cost with the global revision) | ${f(costs.fullRebuild)} |\n`,
    );
    const port = await freePort();
    const gatehouse = children.start(
      "gatehouse",
      [process.execPath, join(repoRoot, "apps/cli/dist/main.js"), "start", "--data-dir", dataDir],
      {
        core: SERVER_CORE,
        env: {
          PORT: String(port),
          HOST: "127.0.0.1",
          LOG_LEVEL: "info",
          GATEHOUSE_DATA_DIR: dataDir,
          // The embedded default, alone: no PostgreSQL, no Redis from the caller's shell.
          DATABASE_URL: undefined,
          REDIS_URL: undefined,
        },
        cwd: repoRoot,
        logFile: join(workDir, "gatehouse.log"),
      },
    );
    const origin = `http://127.0.0.1:${port}`;
    await waitForHttp(`${origin}/readyz`, { child: gatehouse, timeoutMs: 60_000 });
    const { accessToken } = await api(origin, "POST", "/api/auth/login", {
      body: { email: "owner@bench.test", password: PASSWORD },
    });
    // The load: tenant 0's last key, its model-3, through the OpenAI surface.
    const reader = tenants[0];
    const load = () =>
      runLoad(
        "open-loop",
        {
          origin,
          path: "/v1/chat/completions",
          headers: { authorization: `Bearer ${reader.key}` },
          body: chatRequestBody({ model: "model-3", stream: false }),
          rate,
          durationSec: seconds,
          warmupSec: 2,
        },
        { core: LOAD_CORE, limitSec: seconds + 60 },
      );
    const rows = [];
    const measure = async (name, change) => {
      const stop = change && churn(change);
      const result = await load();
      const churned = stop && (await stop());
      rows.push({ name, ...result, churn: churned });
    };
    await load(); // warm-up run, not reported
    const keysPath = `/api/tenants/${writer.tenant.id}/workspaces/${writer.workspace.id}/keys`;
    let n = 0;
    const createKey = args["reads-instead"]
      ? () => api(origin, "GET", "/api/auth/me", { token: accessToken })
      : () => api(origin, "POST", keysPath, { token: accessToken, body: { name: `churn-${n++}` } });
    // The control plane's first calls compile its code paths: warmed up like the data plane, not measured.
    for (let i = 0; i < 20; i++) await createKey();
    // Interleaved, so that a drift in the machine's background load shows in both kinds of row.
    // --keys-first swaps the order of each pair, to tell an effect of the changes from a drift in time.
    for (let round = 1; round <= rounds; round++) {
      const quiet = () => measure(`quiet (${round})`);
      const churning = () =>
        measure(
          `${args["reads-instead"] ? "reads (auth.me)" : "key creations"} in another tenant, ${createsPerSecond}/s (${round})`,
          createKey,
        );
      for (const run of args["keys-first"] ? [churning, quiet] : [quiet, churning]) await run();
    }
    process.stdout.write(
      `\n| load (${rate} req/s, ${seconds} s, open loop) | requests | errors | p50 ms | p90 ms | p99 ms | changes made | change p50 ms |\n|---|---|---|---|---|---|---|---|\n`,
    );
    for (const r of rows) {
      const l = r.latency;
      process.stdout.write(
        `| ${r.name} | ${r.requests} | ${r.errors} | ${l.p50.toFixed(2)} | ${l.p90.toFixed(2)} | ${l.p99.toFixed(2)} | ${r.churn ? `${r.churn.changes} (${r.churn.failures} failed)` : "–"} | ${r.churn?.p50Ms?.toFixed(1) ?? "–"} |\n`,
      );
    }
    process.stdout.write(`${JSON.stringify({ rate, seconds, createsPerSecond, seededMs, costs, rows })}\n`);
  } finally {
    await children.stopAll?.();
  }
}

await main();
