import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError, toGatewayError } from "@gatehouse/protocol";
import type { ResponseHeaders, UpstreamRequest } from "../providers/provider-adapter.js";
import { isDeploymentFailure } from "../resilience/is-deployment-failure.js";
import { retryDecision } from "../resilience/retry-decision.js";
import type { Candidate } from "../routing/model-catalog.js";
import { type Dispatched, dispatchUpstream } from "./dispatch-upstream.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";
import { recordPending } from "./route-request.js";

/** How to call one candidate: its request, and how to read its error answers. */
export interface CandidateCall {
  up: UpstreamRequest;
  decodeError(status: number, body: string, headers: ResponseHeaders, now: number): GatewayError;
}

/**
 * Sends the request to the route's deployments until one answers with a success status — before any
 * byte reaches the client, so retrying is safe (DESIGN.md invariant 4). Within a priority group the
 * balancer picks among deployments whose breaker is closed; on a retryable failure the next deployment is
 * tried, then the next group; the last one standing is retried in place as the retry decision allows
 * (backoff, Retry-After under its cap). A 4xx is never retried.
 * Every attempt after the first spends the retry budget, so a storm cannot multiply upstream traffic.
 * Returns undefined when the client left; throws the last error when nothing succeeded.
 */
export async function dispatchWithFallback(
  rt: GatewayRuntime,
  ctx: RequestContext,
  res: ServerResponse,
  build: (candidate: Candidate) => CandidateCall,
): Promise<Dispatched | undefined> {
  let last: GatewayError | undefined;
  let attempts = 0;
  const groups = ctx.route!.groups;
  for (let g = 0; g < groups.length; g++) {
    let pool = groups[g]!.filter((c) => !rt.breakers.isOpen(c.deployment.id));
    while (pool.length > 0) {
      const candidate = rt.balancer.pick(pool);
      pool = pool.filter((c) => c !== candidate);
      if (!(await rt.breakers.canPass(candidate.deployment.id))) continue;
      ctx.candidate = candidate;
      const call = build(candidate);
      for (let onDeployment = 1; ; onDeployment++) {
        if (attempts === 0) {
          rt.retryBudget.recordFirstAttempt();
          await recordPending(rt, ctx);
        } else if (!rt.retryBudget.tryRetry()) {
          throw last!;
        }
        attempts++;
        const outcome = await attempt(rt, ctx, res, candidate, call);
        if (outcome === undefined || "response" in outcome) return outcome;
        last = outcome.error;
        const decision = retryDecision(last, onDeployment, rt.retryPolicy, rt.random);
        // Another deployment is a better bet than the one that just failed: retry in place only when
        // nothing else is left.
        if (decision.retry && !hasAlternative(rt, pool, groups, g)) {
          await sleep(decision.delayMs);
          if (res.destroyed) return undefined;
          continue;
        }
        if (!decision.retry && !decision.fallback) throw last;
        break;
      }
    }
  }
  throw (
    last ??
    new GatewayError(
      "upstream_overloaded",
      `Every deployment of '${ctx.requestedModel}' is failing; try again shortly.`,
    )
  );
}

function hasAlternative(rt: GatewayRuntime, pool: Candidate[], groups: Candidate[][], g: number): boolean {
  if (pool.length > 0) return true;
  for (let i = g + 1; i < groups.length; i++)
    if (groups[i]!.some((c) => !rt.breakers.isOpen(c.deployment.id))) return true;
  return false;
}

/** One attempt: a success (headers with status < 400), a classified error, or undefined (client gone). */
async function attempt(
  rt: GatewayRuntime,
  ctx: RequestContext,
  res: ServerResponse,
  candidate: Candidate,
  call: CandidateCall,
): Promise<Dispatched | { error: GatewayError } | undefined> {
  const id = candidate.deployment.id;
  rt.balancer.inFlight.increment(id);
  const started = rt.now();
  try {
    const dispatched = await dispatchUpstream(rt, ctx, call.up, res);
    if (!dispatched) return undefined;
    const { response } = dispatched;
    if (response.statusCode < 400) {
      rt.balancer.latency.record(id, rt.now() - started);
      void rt.breakers.onSuccess(id);
      return dispatched;
    }
    const text = await response.body.text();
    dispatched.release();
    const error = call.decodeError(response.statusCode, text, response.headers, rt.now());
    if (isDeploymentFailure(error)) void rt.breakers.onFailure(id);
    return { error };
  } catch (err) {
    const error = toGatewayError(err);
    if (isDeploymentFailure(error)) void rt.breakers.onFailure(id);
    return { error };
  } finally {
    rt.balancer.inFlight.decrement(id);
  }
}
