// "Breaker open on one of two deployments": the breaker model (gatehouse.mjs) has the mock and an
// always-failing deployment. Requests are sent one at a time until Gatehouse's health API shows the
// failing one's breaker open; then the plain row's throughput and 500 req/s latency are measured on
// that model, where every answer must still be 200.
import { request } from "undici";
import { measureLatency } from "./measure-latency.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { requestSpec } from "./request-spec.mjs";
import { scenarioLog } from "./scenario-log.mjs";
import { upstreamStats } from "./upstream-control.mjs";

/** The fixed rate of the breaker row's latency, as the added-latency target. */
export const BREAKER_RATE = 500;

/** The failing deployment's row of `GET /api/deployments/health`. */
async function failingDeployment(handle) {
  const { breaker } = handle;
  const res = await request(`${handle.origin}/api/deployments/health`, { headers: breaker.headers });
  const text = await res.body.text();
  if (res.statusCode !== 200)
    throw new Error(`deployments/health answered ${res.statusCode}: ${text.slice(0, 200)}`);
  const row = JSON.parse(text).deployments?.find(
    (d) => d.model === breaker.model && d.provider === breaker.failingProvider,
  );
  if (!row)
    throw new Error(`deployments/health lists no ${breaker.failingProvider} deployment of ${breaker.model}`);
  return row;
}

/**
 * Sends the breaker model's request one at a time until the failing deployment's breaker is open (at
 * most `maxRequests`); returns how many it took and their statuses (each should be 200: a failed
 * attempt falls back to the healthy deployment).
 */
export async function tripBreaker(handle, { promptBytes, maxRequests = 200 }) {
  const spec = requestSpec(handle, { stream: false, promptBytes, route: handle.breaker });
  const statuses = {};
  for (let sent = 0; sent <= maxRequests; sent += 1) {
    const row = await failingDeployment(handle);
    if (row.breaker.state === "open") return { requests: sent, statuses, breaker: row.breaker };
    if (sent === maxRequests) break;
    const res = await request(`${spec.origin}${spec.path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...spec.headers },
      body: spec.body,
    });
    await res.body.dump();
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
  }
  throw new Error(`the failing deployment's breaker is not open after ${maxRequests} requests`);
}

/**
 * Trips the breaker, then measures max throughput + CPU/request and the latency at BREAKER_RATE on the
 * breaker model. `failingHits` counts requests that reached the failing deployment meanwhile (probes
 * after a cool-down); `stateAfter` is its breaker's state at the end.
 */
export async function measureBreakerOpen(handle, ctx, pid) {
  const { options, upstreamOrigin } = ctx;
  const trip = await tripBreaker(handle, { promptBytes: options.promptBytes });
  scenarioLog(ctx, `breaker of ${handle.breaker.failingProvider} open after ${trip.requests} requests`);
  const failedBefore = (await upstreamStats(upstreamOrigin)).failed;
  const throughput = await measureThroughput(handle, ctx, pid, handle.breaker);
  const latency = await measureLatency(handle, ctx, BREAKER_RATE, handle.breaker);
  const failingHits = (await upstreamStats(upstreamOrigin)).failed - failedBefore;
  const stateAfter = (await failingDeployment(handle)).breaker.state;
  return { trip, throughput, latency: { [BREAKER_RATE]: latency }, failingHits, stateAfter };
}
