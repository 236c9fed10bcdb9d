// Latency at a fixed rate (open loop), with the direct baseline measured right before it.
import { runLoad } from "./load/run-load.mjs";
import { requestSpec } from "./request-spec.mjs";
import { scenarioLog } from "./scenario-log.mjs";

/**
 * `options.latencySec` at `rate` req/s through `handle` on `route` (default: the handle's own model);
 * with the direct target chosen, a direct run at the same rate first, returned as `direct`.
 *
 * @example
 * const l = await measureLatency(handle, ctx, 500); // { latency: { p50, p99, ... }, direct, errors }
 */
export async function measureLatency(handle, ctx, rate, route = handle) {
  const { options, loadCore } = ctx;
  const run = (target, on) =>
    runLoad(
      "open-loop",
      {
        ...requestSpec(target, { stream: false, promptBytes: options.promptBytes, route: on }),
        rate,
        durationSec: options.latencySec,
      },
      { core: loadCore, limitSec: options.latencySec + 60 },
    );
  // "Added latency" subtracts the direct baseline measured right before, not minutes earlier: on a
  // machine whose background load changes, that pairing is what keeps the difference meaningful.
  let direct;
  if (ctx.direct && handle.child) {
    scenarioLog(ctx, `open loop ${rate} req/s for ${options.latencySec} s, direct then through the target`);
    direct = (await run(ctx.direct, ctx.direct)).latency;
  } else {
    scenarioLog(ctx, `open loop ${rate} req/s for ${options.latencySec} s`);
  }
  return { ...(await run(handle, route)), direct };
}
