// The scale point: `count` streams held open at once, idle after their first chunk (the mock upstream
// holds them until released). Reads the server's RSS as they are added.
// Run: node bench/load/idle-streams.mjs '{"origin":...,"path":...,"body":"...","count":1000,"pid":123,
//   "releaseUrl":"http://127.0.0.1:9000/__bench/release"}'
import { Pool, request as undiciRequest } from "undici";
import { readMemory } from "../proc-stats.mjs";
import { runIfMain } from "./child-main.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function openStream(pool, request, timeoutMs, onOpen) {
  return pool
    .request({ ...request, headersTimeout: timeoutMs, bodyTimeout: timeoutMs * 4 })
    .then(async ({ statusCode, body }) => {
      let opened = false;
      for await (const piece of body) {
        if (!opened && statusCode === 200 && piece.toString("latin1").includes("<t:")) {
          opened = true;
          onOpen();
        }
      }
      return opened;
    })
    .catch(() => false);
}

/**
 * Opens `count` streams in `steps` equal steps; after each step, once every stream of it has its first
 * chunk (or `openTimeoutMs`) and the server has settled, reads its RSS; then releases them all.
 * RSS per stream is the median of the per-step RSS growths divided by the step size: a garbage
 * collection that frees startup garbage in one step (RSS shrinking while streams are added) would make
 * a plain before/after difference meaningless, and the median ignores that one step.
 */
export async function idleStreams({
  origin,
  path,
  method = "POST",
  headers = {},
  body,
  count = 1000,
  steps = 5,
  pid,
  releaseUrl,
  openTimeoutMs = 30_000,
  settleMs = 500,
}) {
  const pool = new Pool(origin, { connections: count, pipelining: 1, keepAliveTimeout: 60_000 });
  const request = { path, method, headers: { "content-type": "application/json", ...headers }, body };
  const perStep = Math.ceil(count / steps);
  const rss = [readMemory(pid).rss];
  const all = [];
  let opened = 0;
  const start = performance.now();
  for (let step = 0; step < steps; step += 1) {
    for (let i = 0; i < perStep && all.length < count; i += 1) {
      all.push(openStream(pool, request, openTimeoutMs, () => (opened += 1)));
      // Open in bursts of 100 so that the accept queue never overflows.
      if (i % 100 === 99) await sleep(10);
    }
    while (opened < all.length && performance.now() - start < openTimeoutMs) await sleep(20);
    await sleep(settleMs);
    rss.push(readMemory(pid).rss);
  }
  const openSec = (performance.now() - start) / 1000;
  await undiciRequest(releaseUrl, { method: "POST" }).then(({ body: b }) => b.dump());
  await Promise.race([Promise.all(all), sleep(openTimeoutMs)]);
  await pool.destroy();
  const growth = rss
    .slice(1)
    .map((value, i) => value - rss[i])
    .sort((a, b) => a - b);
  return {
    count,
    opened,
    openSec,
    rss,
    rssBefore: rss[0],
    rssHeld: rss[rss.length - 1],
    bytesPerStream: opened > 0 ? growth[Math.floor(growth.length / 2)] / perStep : Number.NaN,
  };
}

runIfMain(import.meta.url, idleStreams);
