/**
 * Micro-benchmark of the usage recorders' cost on the event loop (docs/adr/0002-usage-spool.md). Run
 * from the build, one recorder per process:
 *   node apps/server/dist/metering/spool/testing/measure-usage-recorders.js <none|group|spool> \
 *     <steady|saturate|stall> [postDelayMs]
 * - steady: 500 requests/s for 10 s (begin, then finish 2 ms later, as a short request);
 * - saturate: 50 concurrent loops of begin+finish as fast as they go, 20,000 requests;
 * - stall: steady, while another connection holds SQLite's write lock from 2 s to 5 s (a disk stall or
 *   a CLI transaction: commits wait).
 * Prints one JSON line: per request, the main thread's busy time (event-loop utilisation, wall time: it
 * grows when other processes take the CPU), the main thread's CPU time (Linux /proc, 10 ms ticks) and
 * the whole process's CPU time (writer thread included); event-loop delay
 * percentiles (perf_hooks.monitorEventLoopDelay) and `begin` latency percentiles. Not a test: the
 * numbers depend on the machine.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pino from "pino";
import { createStore } from "../../../store/create-store.js";
import type { PendingUsage, UsageFinal } from "../../../store/store-types.js";
import { GroupCommitUsageRecorder } from "../../group-commit-usage-recorder.js";
import { openUsageRecorder } from "../../open-usage-recorder.js";
import type { OwnedUsageRecorder } from "../../usage-recorder.js";
import { resolveSpoolDir } from "../resolve-spool-dir.js";
import { finalRecord, pendingRecord } from "./usage-records.js";

const require = createRequire(import.meta.url);
const [mode = "spool", scenario = "steady", postDelay] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "gh-measure-"));
const sqlitePath = join(dir, "gatehouse.db");
const logger = pino({ level: "silent" });
const spoolDir =
  mode === "spool"
    ? resolveSpoolDir({ dataDir: dir, spoolDir: undefined, databaseUrl: undefined })
    : undefined;
const store = createStore({ sqlitePath, walCheckpointer: mode !== "spool" });
await store.migrate();

const none: OwnedUsageRecorder = {
  begin: (_: PendingUsage) => Promise.resolve(),
  finish: (_: UsageFinal) => {},
  flush: () => Promise.resolve(),
  backlog: 0,
  close: () => Promise.resolve(),
};
const usage =
  mode === "none"
    ? none
    : mode === "group"
      ? new GroupCommitUsageRecorder(store, logger)
      : await openUsageRecorder({
          store,
          logger,
          sqlitePath,
          spoolDir,
          tuning: postDelay === undefined ? {} : { postDelayMs: Number(postDelay) },
        });

const beginMs: number[] = [];
let n = 0;
let refused = 0;
async function request(): Promise<void> {
  const id = `req_${n++}`;
  const t0 = performance.now();
  try {
    await usage.begin(pendingRecord(id, Date.now()));
  } catch {
    refused++; // the request would have been answered 503
    return;
  }
  beginMs.push(performance.now() - t0);
  setTimeout(() => usage.finish(finalRecord(id)), 2);
}

async function steady(seconds: number, onSecond?: (s: number) => void): Promise<void> {
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * 500);
      while (sent < Math.min(due, seconds * 500)) {
        if (sent % 500 === 0) onSecond?.(sent / 500);
        sent++;
        void request();
      }
      if (sent >= seconds * 500) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
}

async function saturate(total: number): Promise<void> {
  const loop = async () => {
    while (n < total) await request();
  };
  await Promise.all(Array.from({ length: 50 }, loop));
}

/** CPU ms of the main thread alone (Linux: /proc/self/task/<pid>/stat, utime + stime in 1/100 s). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const delay = monitorEventLoopDelay({ resolution: 1 });
await steady(1); // warm-up
beginMs.length = 0;
const firstRequest = n;
delay.enable();
const elu0 = performance.eventLoopUtilization();
const cpu0 = { main: mainThreadCpuMs(), process: process.cpuUsage() };
const t0 = performance.now();
if (scenario === "saturate") await saturate(n + 20_000);
else if (scenario === "stall") {
  // Another process holds the lock, as a CLI command would (in this process its release would wait for
  // the very event loop a blocked commit holds).
  const holder = `const D = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new D(${JSON.stringify(sqlitePath)}); db.pragma("busy_timeout = 5000"); db.exec("begin immediate");
    setTimeout(() => { db.exec("commit"); db.close(); }, 3000);`;
  await steady(8, (s) => {
    if (s === 2) spawn(process.execPath, ["-e", holder], { stdio: "inherit" });
  });
} else await steady(10);
await new Promise((r) => setTimeout(r, 20));
const elu = performance.eventLoopUtilization(elu0);
const mainCpuMs = mainThreadCpuMs() - cpu0.main;
const processCpu = process.cpuUsage(cpu0.process);
const wallMs = performance.now() - t0;
delay.disable();
const requests = n - firstRequest;
await usage.close();
const count = (
  new Database(sqlitePath, { readonly: true }).prepare("select count(*) as c from usage_records").get() as {
    c: number;
  }
).c;
await store.close();
rmSync(dir, { recursive: true, force: true });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    mode,
    scenario,
    requests,
    refused,
    rows: count,
    mainBusyUsPerRequest: r2((elu.active * 1000) / requests),
    mainCpuUsPerRequest: r2((mainCpuMs * 1000) / requests),
    processCpuUsPerRequest: r2((processCpu.user + processCpu.system) / requests),
    requestsPerSecond: Math.round(requests / (wallMs / 1000)),
    loopDelayMs: {
      p50: r2(delay.percentile(50) / 1e6),
      p99: r2(delay.percentile(99) / 1e6),
      max: r2(delay.max / 1e6),
    },
    beginMs: { p50: r2(pct(beginMs, 50)), p99: r2(pct(beginMs, 99)), max: r2(pct(beginMs, 100)) },
  }),
);
