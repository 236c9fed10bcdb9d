import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError, toGatewayError } from "@gatehouse/protocol";
import type { ResponseHeaders, UpstreamRequest } from "../providers/provider-adapter.js";
import { type BalanceStrategyName, isBalanceStrategyName } from "../resilience/balancer.js";
import { isDeploymentFailure } from "../resilience/is-deployment-failure.js";
import { type RetryPolicy, retryDecision } from "../resilience/retry-decision.js";
import type { Candidate, Route } from "../routing/model-catalog.js";
import type { Model } from "../store/store-types.js";
import { type AttemptLimits, attemptLimits, candidateTimeouts, requestDeadline } from "./attempt-limits.js";
import { type Dispatched, dispatchUpstream } from "./dispatch-upstream.js";
import { FallbackPlan } from "./fallback-plan.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";
import { recordPending } from "./route-request.js";

/** How to call one candidate: its request, and how to read its error answers. */
export interface CandidateCall {
  up: UpstreamRequest;
  decodeError(status: number, body: string, headers: ResponseHeaders, now: number): GatewayError;
}

/** What one request's attempts share: their count, the last failure, and the deadline of them all. */
interface Run {
  attempts: number;
  last: GatewayError | undefined;
  deadline: { deadline: number; totalMs: number };
}

/** A route whose every deployment failed in a way another model may answer. */
const NEXT_MODEL = Symbol("next model");

/**
 * Sends the request to the route's deployments until one answers with a success status — before any
 * byte reaches the client, so retrying is safe (DESIGN.md invariant 4). Within a priority group the
 * balancer picks, by the model's strategy, among deployments whose breaker is closed; on a retryable
 * failure the next deployment is tried, then the next group; the last one standing is retried in place as
 * the retry decision allows (backoff, Retry-After under its cap). When the whole route failed, the
 * request falls back to other models (see {@link FallbackPlan}), each attempt encoded for its own
 * deployment by `build`. A 4xx is never retried.
 * Every attempt after the first spends the retry budget, so a storm cannot multiply upstream traffic; no
 * attempt starts after the request's total deadline, which also aborts an attempt (or its stream) in
 * flight.
 * Returns undefined when the client left; throws the last error when nothing succeeded.
 */
export async function dispatchWithFallback(
  rt: GatewayRuntime,
  ctx: RequestContext,
  res: ServerResponse,
  build: (candidate: Candidate) => CandidateCall,
): Promise<Dispatched | undefined> {
  const run: Run = { attempts: 0, last: undefined, deadline: requestDeadline(rt, ctx) };
  let plan: FallbackPlan | undefined; // only once the requested model failed
  for (let route: Route | undefined = ctx.route!; route !== undefined; ) {
    const outcome = await tryRoute(rt, ctx, res, route, build, run);
    if (outcome !== NEXT_MODEL) return outcome;
    plan ??= new FallbackPlan(rt, ctx);
    route = plan.next(route, run.last);
  }
  throw (
    run.last ??
    new GatewayError(
      "upstream_overloaded",
      `Every deployment of '${ctx.requestedModel}' is failing; try again shortly.`,
    )
  );
}

/** Tries one model's deployments, group by group. */
async function tryRoute(
  rt: GatewayRuntime,
  ctx: RequestContext,
  res: ServerResponse,
  route: Route,
  build: (candidate: Candidate) => CandidateCall,
  run: Run,
): Promise<Dispatched | undefined | typeof NEXT_MODEL> {
  const strategy = strategyOf(route.model);
  const price = strategy === "lowest_cost" ? modelPrice(route.model) : undefined;
  const policy = policyFor(rt.retryPolicy, route.model);
  const groups = route.groups;
  for (let g = 0; g < groups.length; g++) {
    let pool = groups[g]!.filter((c) => !rt.breakers.isOpen(c.deployment.id));
    while (pool.length > 0) {
      const candidate = rt.balancer.pick(pool, strategy, price);
      pool = pool.filter((c) => c !== candidate);
      if (!(await rt.breakers.canPass(candidate.deployment.id))) continue;
      ctx.candidate = candidate;
      ctx.servedRoute = route;
      const call = build(candidate);
      const timeouts = candidateTimeouts(rt, ctx, route, candidate);
      for (let onDeployment = 1; ; onDeployment++) {
        await spendAttempt(rt, ctx, run);
        const outcome = await attempt(
          rt,
          ctx,
          res,
          candidate,
          call,
          attemptLimits(rt, timeouts, run.deadline),
        );
        if (outcome === undefined || "response" in outcome) return outcome;
        run.last = outcome.error;
        const decision = retryDecision(run.last, onDeployment, policy, rt.random);
        // The model's other deployments share its window: only a larger model can answer.
        if (!decision.retry && decision.reason === "context_window_exceeded") return NEXT_MODEL;
        // Another deployment is a better bet than the one that just failed: retry in place only when
        // nothing else is left.
        if (decision.retry && !hasAlternative(rt, pool, groups, g)) {
          if (rt.now() + decision.delayMs >= run.deadline.deadline) throw run.last;
          await sleep(decision.delayMs);
          if (res.destroyed) return undefined;
          continue;
        }
        if (!decision.retry && !decision.fallback) throw run.last;
        break;
      }
    }
  }
  return NEXT_MODEL;
}

/**
 * Counts an attempt about to start: the first one records the pending usage; each later one needs the
 * retry budget and time left, else the last failure is the answer.
 */
async function spendAttempt(rt: GatewayRuntime, ctx: RequestContext, run: Run): Promise<void> {
  if (run.attempts === 0) {
    rt.retryBudget.recordFirstAttempt();
    await recordPending(rt, ctx);
  } else if (rt.now() >= run.deadline.deadline || !rt.retryBudget.tryRetry()) {
    throw run.last!;
  }
  run.attempts++;
}

function hasAlternative(rt: GatewayRuntime, pool: Candidate[], groups: Candidate[][], g: number): boolean {
  if (pool.length > 0) return true;
  for (let i = g + 1; i < groups.length; i++)
    if (groups[i]!.some((c) => !rt.breakers.isOpen(c.deployment.id))) return true;
  return false;
}

/** The model's balancing strategy; weighted random for a model stored without one. */
function strategyOf(model: Model): BalanceStrategyName {
  const s = model.balanceStrategy;
  return isBalanceStrategyName(s) ? s : "weighted_random";
}

/**
 * The price the lowest-cost strategy compares: input + output price per million tokens. Deployments have
 * no price of their own yet, so within one model's group every candidate costs the same (and the
 * strategy shares by weight); it becomes a real choice once deployments carry their own prices.
 */
function modelPrice(model: Model): (c: Candidate) => number {
  const price = model.inputPricePerMTok + model.outputPricePerMTok;
  return () => price;
}

/** The retry policy with the model's content-policy setting (shared when the model has none). */
function policyFor(policy: RetryPolicy, model: Model): RetryPolicy {
  return model.contentFilterFallback === true && !policy.fallbackOnContentFilter
    ? { ...policy, fallbackOnContentFilter: true }
    : policy;
}

/**
 * One attempt: a success (headers with status < 400), a classified error, or undefined (client gone).
 * A success stays in flight until its exchange is released (the stream may take minutes), so that
 * least-in-flight sees the streams a deployment is still serving.
 */
async function attempt(
  rt: GatewayRuntime,
  ctx: RequestContext,
  res: ServerResponse,
  candidate: Candidate,
  call: CandidateCall,
  limits: AttemptLimits,
): Promise<Dispatched | { error: GatewayError } | undefined> {
  const id = candidate.deployment.id;
  rt.balancer.inFlight.increment(id);
  const started = rt.now();
  let error: GatewayError;
  try {
    const dispatched = await dispatchUpstream(rt, ctx, call.up, res, limits);
    if (!dispatched) {
      rt.balancer.inFlight.decrement(id);
      return undefined;
    }
    const { response } = dispatched;
    if (response.statusCode < 400) {
      rt.balancer.latency.record(id, rt.now() - started);
      void rt.breakers.onSuccess(id);
      return releasingInFlight(rt, id, dispatched);
    }
    let text: string;
    try {
      text = await response.body.text();
    } finally {
      dispatched.release();
    }
    rt.balancer.inFlight.decrement(id);
    error = call.decodeError(response.statusCode, text, response.headers, rt.now());
  } catch (err) {
    rt.balancer.inFlight.decrement(id);
    error = toGatewayError(err);
  }
  if (countsAgainst(ctx, error)) void rt.breakers.onFailure(id);
  return { error };
}

/** The exchange, whose release (once) also ends the deployment's in-flight count. */
function releasingInFlight(rt: GatewayRuntime, id: string, dispatched: Dispatched): Dispatched {
  const release = dispatched.release;
  let released = false;
  dispatched.release = () => {
    release();
    if (released) return;
    released = true;
    rt.balancer.inFlight.decrement(id);
  };
  return dispatched;
}

/**
 * Whether a failure counts against the deployment's breaker. A timeout of a request that shortened its
 * own timeouts says more about the client's patience than the deployment's health: a client must not be
 * able to open a breaker for everyone by asking for 100 ms.
 */
function countsAgainst(ctx: RequestContext, error: GatewayError): boolean {
  if (!isDeploymentFailure(error)) return false;
  return !(error.code === "upstream_timeout" && ctx.overrides?.timeouts !== undefined);
}
