// Streams the client abandons: each is read until its first content chunk, then aborted (the socket is
// destroyed), `concurrency` at a time, `count` in all.
// Run: node bench/load/aborted-streams.mjs '{"origin":...,"path":...,"body":"...","count":1000}'
import { Pool } from "undici";
import { runIfMain } from "./child-main.mjs";
import { summarize } from "./percentiles.mjs";
import { createStampCounter } from "./stamp-counter.mjs";

async function oneStream(pool, request, timeoutMs) {
  const start = performance.now();
  const abort = new AbortController();
  try {
    const { statusCode, body } = await pool.request({
      ...request,
      signal: abort.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (statusCode !== 200) {
      await body.dump();
      return { status: statusCode };
    }
    const counter = createStampCounter();
    for await (const piece of body) {
      if (counter.push(piece) > 0) {
        const firstChunk = performance.now() - start;
        abort.abort();
        return { status: 200, aborted: true, firstChunk };
      }
    }
    return { status: 200, aborted: false };
  } catch (error) {
    return { status: abort.signal.aborted ? 200 : (error.code ?? "error"), aborted: abort.signal.aborted };
  }
}

/**
 * Opens `count` streams, `concurrency` at a time, each aborted after its first content chunk; returns
 * how many were aborted so, the time to that chunk (ms), and the others (ended first, or not 200).
 */
export async function abortedStreams({
  origin,
  path,
  method = "POST",
  headers = {},
  body,
  count = 1000,
  concurrency = 100,
  timeoutMs = 30_000,
}) {
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const request = { path, method, headers: { "content-type": "application/json", ...headers }, body };
  const results = [];
  let started = 0;
  const begin = performance.now();
  const slot = async () => {
    while (started < count) {
      started += 1;
      results.push(await oneStream(pool, request, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  const elapsedSec = (performance.now() - begin) / 1000;
  await pool.destroy();
  const aborted = results.filter((r) => r.aborted);
  const statuses = {};
  for (const r of results) {
    const key = r.aborted ? "aborted after first chunk" : r.status === 200 ? "ended before abort" : r.status;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return {
    count,
    aborted: aborted.length,
    errors: results.filter((r) => r.status !== 200).length,
    statuses,
    firstChunk: summarize(aborted.filter((r) => r.firstChunk !== undefined).map((r) => r.firstChunk)),
    elapsedSec,
  };
}

runIfMain(import.meta.url, abortedStreams);
