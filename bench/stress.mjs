// The stress run, on the Gatehouse process the other scenarios used: fuzzed bodies on every surface,
// concurrent 10 MiB bodies, streams the client abandons; then idle, RSS read every second, to see whether
// the memory the stress took is given back. ("After stress" throughput is measured by the caller.)
import { join } from "node:path";
import { attemptScenario } from "./attempt-scenario.mjs";
import { SURFACES } from "./fuzz/surface-requests.mjs";
import { runLoad } from "./load/run-load.mjs";
import { readMemory, sampleRss } from "./proc-stats.mjs";
import { requestSpec } from "./request-spec.mjs";
import { scenarioLog } from "./scenario-log.mjs";
import { configureUpstream, upstreamStats } from "./upstream-control.mjs";

/** Each big body: 10 MiB, Gatehouse's default body limit (which admits a body of exactly its size). */
export const STRESS_BODY_BYTES = 10 * 1024 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fuzzEverySurface(handle, ctx) {
  const { options, loadCore, workDir } = ctx;
  const results = {};
  for (const surface of Object.keys(SURFACES)) {
    scenarioLog(
      ctx,
      `stress: ${options.fuzzBodies} fuzzed bodies, ${surface} surface (seed ${options.fuzzSeed})`,
    );
    const params = {
      origin: handle.origin,
      surface,
      key: handle.key,
      model: handle.model,
      seed: options.fuzzSeed,
      count: options.fuzzBodies,
      saveDir: join(workDir, "fuzz-failures"),
    };
    results[surface] = await attemptScenario(ctx, `fuzz ${surface}`, () =>
      runLoad("fuzz", params, { core: loadCore, limitSec: 900 }),
    );
  }
  return results;
}

function bigBodies(handle, ctx) {
  const { options, loadCore } = ctx;
  scenarioLog(ctx, `stress: ${options.bigBodies} authenticated 10 MiB bodies at once`);
  const params = {
    origin: handle.origin,
    path: handle.path,
    headers: handle.headers,
    model: handle.model,
    count: options.bigBodies,
    bodyBytes: STRESS_BODY_BYTES,
  };
  return runLoad("big-bodies", params, { core: loadCore, limitSec: 600 });
}

async function abortedStreams(handle, ctx) {
  const { options, loadCore, upstreamOrigin } = ctx;
  scenarioLog(ctx, `stress: ${options.abortedStreams} streams aborted after their first chunk`);
  // 100 chunks 10 ms apart: the upstream is mid-stream when the client leaves, so Gatehouse has to end it.
  await configureUpstream(upstreamOrigin, { chunks: 100, intervalMs: 10, chunkBytes: options.chunkBytes });
  const params = {
    ...requestSpec(handle, { stream: true, promptBytes: options.promptBytes }),
    count: options.abortedStreams,
    concurrency: 100,
  };
  return runLoad("aborted-streams", params, { core: loadCore, limitSec: 600 });
}

/** RSS every second for `seconds`, on a fixed schedule from now. */
async function idleRss(pid, seconds) {
  const start = performance.now();
  const samples = [];
  for (let s = 1; s <= seconds; s += 1) {
    await sleep(Math.max(0, start + s * 1000 - performance.now()));
    samples.push(readMemory(pid).rss);
  }
  return samples;
}

/**
 * Runs the stress and the idle period after it; returns each part's figures, the RSS before it, its
 * peak (100 ms poll), every idle second's RSS and the last of them (`rssAfterIdle`).
 */
export async function measureStress(handle, ctx, pid) {
  const { options, upstreamOrigin } = ctx;
  const rssBefore = readMemory(pid).rss;
  const sampler = sampleRss(pid, 100);
  const result = { rssBefore };
  try {
    await configureUpstream(upstreamOrigin, { jsonBytes: options.jsonBytes });
    result.fuzz = await fuzzEverySurface(handle, ctx);
    result.bigBodies = await attemptScenario(ctx, "big bodies", () => bigBodies(handle, ctx));
    const cancelledBefore = (await upstreamStats(upstreamOrigin)).cancelled;
    result.abortedStreams = await attemptScenario(ctx, "aborted streams", () => abortedStreams(handle, ctx));
    result.rssPeak = sampler.stop();
    scenarioLog(ctx, `stress: ${options.stressIdleSec} s idle, RSS every second`);
    result.idleRss = await idleRss(pid, options.stressIdleSec);
    result.rssAfterIdle = result.idleRss[result.idleRss.length - 1];
    // Read after the idle period: by then every abandoned upstream stream has ended one way or the other.
    if (!result.abortedStreams.failed) {
      result.abortedStreams.upstreamCancelled =
        (await upstreamStats(upstreamOrigin)).cancelled - cancelledBefore;
    }
    return result;
  } finally {
    sampler.stop();
    await configureUpstream(upstreamOrigin, { jsonBytes: options.jsonBytes });
  }
}
