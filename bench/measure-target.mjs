// Runs every scenario against one started target and returns its figures (see README.md for each).
import { runLoad } from "./load/run-load.mjs";
import { runWrk } from "./load/wrk.mjs";
import { probe } from "./probe.mjs";
import { measureCpu, readMemory, sampleRss } from "./proc-stats.mjs";
import { chatRequestBody } from "./request-body.mjs";
import { configureUpstream } from "./upstream-control.mjs";

function spec(handle, { stream, conversion = false, promptBytes }) {
  const route = conversion ? handle.conversion : handle;
  return {
    origin: handle.origin,
    path: handle.path,
    headers: route.headers ?? {},
    body: chatRequestBody({ model: route.model, stream, promptBytes }),
  };
}

async function throughput(handle, ctx, pid) {
  const { options, ticks, workDir, loadCore } = ctx;
  const request = spec(handle, { stream: false, promptBytes: options.promptBytes });
  const wrk = (durationSec) =>
    runWrk({
      url: `${request.origin}${request.path}`,
      method: "POST",
      headers: request.headers,
      body: request.body,
      durationSec,
      connections: options.connections,
      core: loadCore,
      workDir,
    });
  const warmup = options.quick ? options.warmupSec : Math.max(options.warmupSec, handle.warmupSec ?? 0);
  log(ctx, `warm-up ${warmup} s`);
  await wrk(warmup);
  log(ctx, `max throughput ${options.throughputSec} s`);
  const { result, cpuMicros } = await measureCpu(pid, ticks, () => wrk(options.throughputSec));
  return {
    ...result,
    cpuPerRequest: cpuMicros / result.requests,
    errors: result.non2xx + result.socketErrors,
  };
}

async function latency(handle, ctx, rate) {
  const { options, loadCore } = ctx;
  const run = (target) =>
    runLoad(
      "open-loop",
      {
        ...spec(target, { stream: false, promptBytes: options.promptBytes }),
        rate,
        durationSec: options.latencySec,
      },
      { core: loadCore, limitSec: options.latencySec + 60 },
    );
  // "Added latency" subtracts the direct baseline measured right before, not minutes earlier: on a
  // machine whose background load changes, that pairing is what keeps the difference meaningful.
  let direct;
  if (ctx.direct && handle.child) {
    log(ctx, `open loop ${rate} req/s for ${options.latencySec} s, direct then through the target`);
    direct = (await run(ctx.direct)).latency;
  } else {
    log(ctx, `open loop ${rate} req/s for ${options.latencySec} s`);
  }
  return { ...(await run(handle)), direct };
}

async function streaming(handle, ctx, pid, conversion) {
  const { options, ticks, loadCore, upstreamOrigin } = ctx;
  const request = spec(handle, { stream: true, conversion, promptBytes: options.promptBytes });
  await configureUpstream(upstreamOrigin, { chunks: options.streamChunks, chunkBytes: options.chunkBytes });
  await probe(request, { expectedChunks: options.streamChunks });
  const params = { ...request, concurrency: options.streamConcurrency, expectedChunks: options.streamChunks };
  const run = (durationSec) =>
    runLoad("streams", { ...params, durationSec }, { core: loadCore, limitSec: durationSec + 90 });
  log(ctx, `${conversion ? "conversion " : ""}streams: warm-up, then ${options.streamSec} s`);
  await run(options.streamWarmupSec);
  if (!pid) return run(options.streamSec);
  const { result, cpuMicros } = await measureCpu(pid, ticks, () => run(options.streamSec));
  return { ...result, cpuPerChunk: cpuMicros / Math.max(1, result.chunks) };
}

async function flushing(handle, ctx) {
  const { options, loadCore, upstreamOrigin } = ctx;
  const { flushChunks: chunks, flushIntervalMs: intervalMs } = options;
  log(ctx, `flushing: ${options.flushStreams} streams of ${chunks} chunks ${intervalMs} ms apart`);
  await configureUpstream(upstreamOrigin, { chunks, intervalMs, chunkBytes: options.chunkBytes });
  const request = spec(handle, { stream: true, promptBytes: options.promptBytes });
  const limitSec = 60 + (options.flushStreams * chunks * intervalMs) / 1000;
  return runLoad(
    "flush",
    { ...request, streams: options.flushStreams, concurrency: 5, expectedChunks: chunks },
    { core: loadCore, limitSec },
  );
}

async function idle(handle, ctx, pid) {
  const { options, loadCore, upstreamOrigin } = ctx;
  log(ctx, `scale point: ${options.idleStreams} idle streams`);
  await configureUpstream(upstreamOrigin, { hold: true, chunks: 2, chunkBytes: options.chunkBytes });
  const request = spec(handle, { stream: true, promptBytes: options.promptBytes });
  const params = {
    ...request,
    count: options.idleStreams,
    pid,
    releaseUrl: `${upstreamOrigin}/__bench/release`,
  };
  try {
    return await runLoad("idle-streams", params, { core: loadCore, limitSec: 180 });
  } finally {
    await configureUpstream(upstreamOrigin, { jsonBytes: options.jsonBytes });
  }
}

function log(ctx, message) {
  process.stdout.write(`bench:   ${ctx.label}: ${message}\n`);
}

/** A scenario that fails is recorded with its error; the others still run. */
async function attempt(ctx, name, run) {
  try {
    return await run();
  } catch (error) {
    log(ctx, `${name} failed: ${error.message}`);
    return { failed: error.message };
  }
}

/**
 * Measures `handle` (the target started by targets.mjs). Without a server process (the direct
 * baseline) only the client-side figures are taken.
 */
export async function measureTarget(handle, ctx) {
  const { options, upstreamOrigin } = ctx;
  const pid = handle.child?.pid;
  const figures = { version: handle.version };
  const sampler = pid && sampleRss(pid);
  if (pid) figures.rssStart = readMemory(pid).rss;
  await configureUpstream(upstreamOrigin, { jsonBytes: options.jsonBytes });
  await probe(spec(handle, { stream: false, promptBytes: options.promptBytes }));
  // The scale point runs first, on a fresh process: after the load scenarios a Node heap has free space
  // left that new streams fill without growing RSS, which would hide their cost.
  if (pid) figures.idle = await attempt(ctx, "idle streams", () => idle(handle, ctx, pid));
  if (pid) figures.throughput = await attempt(ctx, "throughput", () => throughput(handle, ctx, pid));
  figures.latency = {};
  for (const rate of options.rates) {
    figures.latency[rate] = await attempt(ctx, `latency ${rate}`, () => latency(handle, ctx, rate));
  }
  figures.streaming = await attempt(ctx, "streaming", () => streaming(handle, ctx, pid, false));
  if (handle.conversion) {
    figures.conversion = await attempt(ctx, "conversion", () => streaming(handle, ctx, pid, true));
  }
  figures.flushing = await attempt(ctx, "flushing", () => flushing(handle, ctx));
  await configureUpstream(upstreamOrigin);
  if (pid) figures.rssPeak = Math.max(sampler.stop(), readMemory(pid).hwm);
  return figures;
}
