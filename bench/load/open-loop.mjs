// Fixed-rate (open-loop) load: request i is due at start + i/rate whatever happened to the others, and
// its latency runs from that due time, not from when it was sent: a server that stalls pays for the
// whole queue behind the stall (no coordinated omission).
// Run: node bench/load/open-loop.mjs '{"origin":...,"path":...,"headers":{},"body":"...","rate":500,...}'
import { Pool } from "undici";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";
import { tick } from "./ticker.mjs";

async function one(pool, request, dueAt, timeoutMs) {
  const sentAt = performance.now();
  try {
    const { statusCode, body } = await pool.request({
      ...request,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await body.dump({ limit: Number.POSITIVE_INFINITY });
    return {
      ok: statusCode === 200,
      status: statusCode,
      latency: performance.now() - dueAt,
      lag: sentAt - dueAt,
    };
  } catch (error) {
    return {
      ok: false,
      status: error.code ?? "error",
      latency: performance.now() - dueAt,
      lag: sentAt - dueAt,
    };
  }
}

/**
 * Sends `rate` requests per second for `durationSec` (after `warmupSec` at the same rate, not counted)
 * and returns latency percentiles in ms measured from each request's due time.
 * Sends are started by a precise ticker (ticker.mjs); `sendLag` reports how late they left.
 */
export async function openLoop({
  origin,
  path,
  method = "POST",
  headers = {},
  body,
  rate,
  durationSec,
  warmupSec = 1, // at the same rate, not counted
  connections = 256,
  timeoutMs = 10_000,
}) {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const request = { path, method, headers: { "content-type": "application/json", ...headers }, body };
  const warmup = Math.round(rate * warmupSec);
  const total = warmup + Math.round(rate * durationSec);
  const pending = [];
  await tick({ start: performance.now() + 20, intervalMs: 1000 / rate, total }, (_, dueAt) => {
    pending.push(one(pool, request, dueAt, timeoutMs));
  });
  const results = (await Promise.all(pending)).slice(warmup);
  await pool.close();
  const failed = results.filter((r) => !r.ok);
  return {
    rate,
    requests: results.length,
    errors: failed.length,
    errorStatuses: [...new Set(failed.map((r) => String(r.status)))].slice(0, 5),
    latency: summarize(results.filter((r) => r.ok).map((r) => r.latency)),
    sendLag: summarize(results.map((r) => r.lag)),
  };
}

runIfMain(import.meta.url, openLoop);
