// Concurrent streaming load: `concurrency` streams in flight, each started when the previous one of its
// slot ends, for `durationSec` (or `maxStreams`). Measures streams/s, time to first byte, and checks that
// every stream carried all its chunks.
// Run: node bench/load/streams.mjs '{"origin":...,"path":...,"body":"...","concurrency":50,...}'
import { Pool } from "undici";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";
import { createStampCounter } from "./stamp-counter.mjs";

async function oneStream(pool, request, timeoutMs) {
  const start = performance.now();
  let firstByte = Number.NaN;
  let chunks = 0;
  try {
    const { statusCode, body } = await pool.request({
      ...request,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const counter = createStampCounter();
    for await (const piece of body) {
      if (Number.isNaN(firstByte)) firstByte = performance.now() - start;
      chunks += counter.push(piece);
    }
    return { ok: statusCode === 200, status: statusCode, ttfb: firstByte, chunks, end: performance.now() };
  } catch (error) {
    return { ok: false, status: error.code ?? "error", ttfb: firstByte, chunks, end: performance.now() };
  }
}

/**
 * Runs the streaming load and returns streams/s, TTFB percentiles (ms) and chunk counts.
 * A stream counts as complete when it answered 200 with `expectedChunks` stamped chunks.
 */
export async function streams({
  origin,
  path,
  method = "POST",
  headers = {},
  body,
  concurrency = 50,
  durationSec = 10,
  maxStreams = 100_000,
  expectedChunks,
  timeoutMs = 30_000,
}) {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  const request = { path, method, headers: { "content-type": "application/json", ...headers }, body };
  const results = [];
  const start = performance.now();
  const stopAt = start + durationSec * 1000;
  const slot = async () => {
    while (performance.now() < stopAt && results.length < maxStreams) {
      results.push(await oneStream(pool, request, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  const elapsed = (Math.max(...results.map((r) => r.end)) - start) / 1000;
  await pool.close();
  const complete = results.filter((r) => r.ok && r.chunks === expectedChunks);
  const failed = results.filter((r) => !(r.ok && r.chunks === expectedChunks));
  return {
    streams: results.length,
    complete: complete.length,
    errors: failed.length,
    errorStatuses: [...new Set(failed.map((r) => `${r.status}/${r.chunks} chunks`))].slice(0, 5),
    elapsedSec: elapsed,
    streamsPerSec: complete.length / elapsed,
    chunks: complete.reduce((sum, r) => sum + r.chunks, 0),
    ttfb: summarize(complete.map((r) => r.ttfb)),
  };
}

runIfMain(import.meta.url, streams);
