// Non-streaming maximum throughput with wrk, and the server's CPU per request over the measured window.
import { runWrk } from "./load/wrk.mjs";
import { measureCpu } from "./proc-stats.mjs";
import { requestSpec } from "./request-spec.mjs";
import { scenarioLog } from "./scenario-log.mjs";

/**
 * A wrk warm-up, then `options.throughputSec` of wrk while the CPU of `pid` is read: req/s, CPU µs per
 * request and errors (non-2xx and socket errors). `route` picks the model and headers (default: the
 * handle's own).
 *
 * @example
 * const t = await measureThroughput(handle, ctx, pid); // { requestsPerSec, cpuPerRequest, errors, ... }
 */
export async function measureThroughput(handle, ctx, pid, route = handle) {
  const { options, ticks, workDir, loadCore } = ctx;
  const request = requestSpec(handle, { stream: false, promptBytes: options.promptBytes, route });
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
  scenarioLog(ctx, `warm-up ${warmup} s`);
  await wrk(warmup);
  scenarioLog(ctx, `max throughput ${options.throughputSec} s`);
  const { result, cpuMicros } = await measureCpu(pid, ticks, () => wrk(options.throughputSec));
  return {
    ...result,
    cpuPerRequest: cpuMicros / result.requests,
    errors: result.non2xx + result.socketErrors,
  };
}
