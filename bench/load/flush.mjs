// Flushing: the upstream sends its chunks some ms apart; a proxy that buffers shows it here.
// For each stream: the delay of the first content chunk from the request's start, and the lag of every
// chunk at the client (arrival time minus the upstream's send stamp, one wall clock for both processes).
// Run: node bench/load/flush.mjs '{"origin":...,"path":...,"body":"...","streams":20,"concurrency":5}'
import { Pool } from "undici";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";
import { createStampReader } from "./stamp-reader.mjs";
import { wallClockMs } from "./wall-clock.mjs";

async function oneStream(pool, request, timeoutMs) {
  const start = wallClockMs();
  const stamps = [];
  try {
    const { statusCode, body } = await pool.request({
      ...request,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const reader = createStampReader();
    for await (const piece of body) stamps.push(...reader.push(piece));
    return { ok: statusCode === 200, status: statusCode, start, stamps };
  } catch (error) {
    return { ok: false, status: error.code ?? "error", start, stamps };
  }
}

/** Runs `streams` streams, `concurrency` at a time; returns first-chunk delay and per-chunk lag (ms). */
export async function flush({
  origin,
  path,
  method = "POST",
  headers = {},
  body,
  streams = 20,
  concurrency = 5,
  expectedChunks,
  timeoutMs = 30_000,
}) {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const request = { path, method, headers: { "content-type": "application/json", ...headers }, body };
  const results = [];
  let started = 0;
  const slot = async () => {
    while (started < streams) {
      started += 1;
      results.push(await oneStream(pool, request, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  await pool.close();
  const complete = results.filter((r) => r.ok && r.stamps.length === expectedChunks);
  return {
    streams: results.length,
    errors: results.length - complete.length,
    errorStatuses: [
      ...new Set(results.filter((r) => !complete.includes(r)).map((r) => `${r.status}/${r.stamps.length}`)),
    ],
    firstChunk: summarize(complete.map((r) => r.stamps[0].receivedAt - r.start)),
    chunkLag: summarize(complete.flatMap((r) => r.stamps.map((s) => s.receivedAt - s.sentAt))),
    laterChunkLag: summarize(complete.flatMap((r) => r.stamps.slice(1).map((s) => s.receivedAt - s.sentAt))),
  };
}

runIfMain(import.meta.url, flush);
