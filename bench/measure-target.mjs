// Runs every scenario against one started target and returns its figures (see README.md for each).
import { attemptScenario as attempt } from "./attempt-scenario.mjs";
import { measureBreakerOpen } from "./breaker-open.mjs";
import { runLoad } from "./load/run-load.mjs";
import { measureLatency } from "./measure-latency.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { probe } from "./probe.mjs";
import { measureCpu, readMemory, sampleRss } from "./proc-stats.mjs";
import { requestSpec } from "./request-spec.mjs";
import { scenarioLog as log } from "./scenario-log.mjs";
import { measureStress } from "./stress.mjs";
import { configureUpstream } from "./upstream-control.mjs";
import { measureWrongKey } from "./wrong-key.mjs";

function spec(handle, { stream, conversion = false, promptBytes }) {
  return requestSpec(handle, { stream, promptBytes, route: conversion ? handle.conversion : handle });
}

/**
 * The streaming load through `route` (the handle's own, its conversion path, its Responses surface).
 * CPU µs per chunk is per upstream chunk: a route whose events repeat each chunk's text
 * (`stampCopies`: the Responses API's done events and response.completed carry the whole text again)
 * counts every copy of a stamp, so the count is divided back.
 */
async function streaming(handle, ctx, pid, route, label) {
  const { options, ticks, loadCore, upstreamOrigin } = ctx;
  const request = requestSpec(handle, { stream: true, promptBytes: options.promptBytes, route });
  const copies = route.stampCopies ?? 1;
  const expectedChunks = options.streamChunks * copies;
  await configureUpstream(upstreamOrigin, { chunks: options.streamChunks, chunkBytes: options.chunkBytes });
  await probe(request, { expectedChunks });
  const params = { ...request, concurrency: options.streamConcurrency, expectedChunks };
  const run = (durationSec) =>
    runLoad("streams", { ...params, durationSec }, { core: loadCore, limitSec: durationSec + 90 });
  log(ctx, `${label}streams: warm-up, then ${options.streamSec} s`);
  await run(options.streamWarmupSec);
  if (!pid) return run(options.streamSec);
  const { result, cpuMicros } = await measureCpu(pid, ticks, () => run(options.streamSec));
  return { ...result, cpuPerChunk: cpuMicros / Math.max(1, result.chunks / copies) };
}

/** The throughput row again through POST /v1/responses (same question, same upstream), after a probe. */
async function responsesThroughput(handle, ctx, pid) {
  await probe(
    requestSpec(handle, { stream: false, promptBytes: ctx.options.promptBytes, route: handle.responses }),
  );
  return measureThroughput(handle, ctx, pid, handle.responses);
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
  if (pid) figures.throughput = await attempt(ctx, "throughput", () => measureThroughput(handle, ctx, pid));
  if (pid && handle.responses)
    figures.responsesThroughput = await attempt(ctx, "responses throughput", () =>
      responsesThroughput(handle, ctx, pid),
    );
  figures.latency = {};
  for (const rate of options.rates) {
    figures.latency[rate] = await attempt(ctx, `latency ${rate}`, () => measureLatency(handle, ctx, rate));
  }
  figures.streaming = await attempt(ctx, "streaming", () => streaming(handle, ctx, pid, handle, ""));
  if (handle.responses)
    figures.responsesStreaming = await attempt(ctx, "responses streaming", () =>
      streaming(handle, ctx, pid, handle.responses, "responses "),
    );
  if (handle.conversion) {
    figures.conversion = await attempt(ctx, "conversion", () =>
      streaming(handle, ctx, pid, handle.conversion, "conversion "),
    );
  }
  figures.flushing = await attempt(ctx, "flushing", () => flushing(handle, ctx));
  await configureUpstream(upstreamOrigin);
  if (pid) figures.rssPeak = Math.max(sampler.stop(), readMemory(pid).hwm);
  // The peak above is the feature run's; the scenarios below push memory on purpose and have their own.
  if (pid) await robustness(handle, ctx, pid, figures);
  return figures;
}

/**
 * The scenarios of a target with keys and breakers (Gatehouse), after the others, on the same process:
 * breaker open on one of two deployments, wrong keys with big bodies, the stress run and "after stress".
 */
async function robustness(handle, ctx, pid, figures) {
  const { options } = ctx;
  if (handle.breaker && options.breaker) {
    figures.breakerOpen = await attempt(ctx, "breaker open", () => measureBreakerOpen(handle, ctx, pid));
  }
  if (handle.key && options.wrongKey) {
    figures.wrongKey = await attempt(ctx, "wrong key", () => measureWrongKey(handle, ctx, pid));
  }
  if (handle.key && options.stress) {
    figures.stress = await attempt(ctx, "stress", () => measureStress(handle, ctx, pid));
    const { exitCode, signalCode } = handle.child;
    if (exitCode !== null || signalCode !== null) {
      figures.stress.serverExited = String(exitCode ?? signalCode);
      return;
    }
    log(ctx, "after stress: the non-streaming throughput row again");
    figures.afterStress = await attempt(ctx, "after stress", () => measureThroughput(handle, ctx, pid));
  }
}
