// `count` authenticated chat requests of `bodyBytes` each, all at once, forwarded to the mock upstream:
// counts the statuses and measures each request's time to its full answer.
// Run: node bench/load/big-bodies.mjs '{"origin":...,"path":...,"headers":{...},"count":100,"bodyBytes":10485760}'
import { Pool } from "undici";
import { bigChatBody } from "../request-body.mjs";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";

/** Sends the requests at once; returns statuses, errors (anything but 200) and latency (ms) of the 200s. */
export async function bigBodies({
  origin,
  path,
  headers = {},
  model = "bench-model",
  count = 100,
  bodyBytes = 10 * 1024 * 1024,
  timeoutMs = 120_000,
}) {
  const body = Buffer.from(bigChatBody({ model, bytes: bodyBytes }));
  const pool = new Pool(origin, { connections: count, pipelining: 1 });
  const request = { path, method: "POST", headers: { "content-type": "application/json", ...headers }, body };
  const one = async () => {
    const start = performance.now();
    try {
      const res = await pool.request({ ...request, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      await res.body.dump({ limit: Number.POSITIVE_INFINITY });
      return { status: res.statusCode, latency: performance.now() - start };
    } catch (error) {
      return { status: error.code ?? "error", latency: Number.NaN };
    }
  };
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, one));
  const elapsedSec = (performance.now() - started) / 1000;
  await pool.destroy();
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const ok = results.filter((r) => r.status === 200);
  return {
    count,
    bodyBytes,
    statuses,
    errors: count - ok.length,
    latency: summarize(ok.map((r) => r.latency)),
    elapsedSec,
  };
}

runIfMain(import.meta.url, bigBodies);
