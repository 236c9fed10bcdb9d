import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError } from "@gatehouse/protocol";
import { type RetryPolicy, retryDecision } from "../../resilience/retry-decision.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { attemptLimits, candidateTimeouts } from "./attempt-limits.js";
import { type BuildCall, type CandidateCall, isNotViable } from "./candidate-call.js";
import type { ClientResponse } from "./client-response.js";
import type { Exchange } from "./exchange.js";
import type { Served } from "./outcome.js";
import { pickInGroup, policyFor } from "./pick-in-group.js";
import type { RequestScope } from "./request-scope.js";
import type { RoutePlan } from "./route-plan.js";
import { sendAttempt } from "./send-attempt.js";

/** What the forwarder is told besides the plan: who to tell before the first upstream byte goes out. */
export interface ForwardHooks {
  /** Runs once, right before the first attempt: the pending usage record (DESIGN.md invariant 3). */
  beforeFirstAttempt(served: Served): Promise<void>;
}

interface Run {
  rt: GatewayRuntime;
  scope: RequestScope;
  res: ClientResponse;
  plan: RoutePlan;
  build: BuildCall;
  hooks: ForwardHooks;
  attempts: number;
  last: GatewayError | undefined;
  /** The first reason a candidate could not take the request. */
  notViable: GatewayError | undefined;
  /** Candidates skipped because their breaker was open or cooling down, in the order met. */
  blocked: Served[];
}

/** The model's deployments are spent (failed, blocked or unable): on to the fallback models. */
const NEXT_MODEL = Symbol("next model");
/** This deployment failed in a way another may answer: on to the next candidate. */
const FAILED = Symbol("failed");

/**
 * Step "forward", the one forwarder of every surface and operation: sends the request to the plan's
 * deployments until one answers with a success status — before any byte reaches the client, so retrying
 * is safe (DESIGN.md invariant 4). Within a priority group the balancer picks, by the model's strategy,
 * among deployments whose breaker is closed and not cooling down; on a retryable failure the next
 * deployment is tried, then the next group, then the fallback models; the last one standing is retried in
 * place as the retry decision allows (backoff, Retry-After under its cap). A 4xx is never retried.
 * Every attempt after the first spends the retry budget; none starts after the request's deadline.
 *
 * Breakers steer, they never manufacture an outage: when every deployment the request could reach is
 * blocked, nothing having been sent, the request still goes — in panic mode — to the deployment whose
 * block began first (Envoy's panic threshold). So a request always gets at least one real attempt, and
 * a failure the client sees is an upstream's own (a 429 with its retry-after, a 5xx), never a 503 of ours.
 *
 * Returns the exchange to relay, or undefined when the client left; throws the last failure otherwise
 * (or, when no deployment could take the request at all, the first reason why).
 */
export async function forward(
  rt: GatewayRuntime,
  scope: RequestScope,
  res: ClientResponse,
  plan: RoutePlan,
  build: BuildCall,
  hooks: ForwardHooks,
): Promise<Exchange | undefined> {
  const run: Run = {
    rt,
    scope,
    res,
    plan,
    build,
    hooks,
    attempts: 0,
    last: undefined,
    notViable: undefined,
    blocked: [],
  };
  for (let route: Route | undefined = plan.first; route !== undefined; route = plan.next(route, run.last)) {
    const out = await tryRoute(run, route);
    if (out !== NEXT_MODEL) return out;
  }
  if (run.attempts === 0) {
    const out = await tryPanic(run);
    if (out !== NEXT_MODEL && out !== FAILED) return out;
  }
  throw (
    run.last ??
    run.notViable ??
    new GatewayError("model_not_found", `The model '${scope.requestedModel}' has no deployment to serve it.`)
  );
}

/** Tries one model's deployments, group by group, skipping blocked ones. */
async function tryRoute(run: Run, route: Route): Promise<Exchange | undefined | typeof NEXT_MODEL> {
  const { breakers } = run.rt;
  const groups = route.groups;
  for (let g = 0; g < groups.length; g++) {
    let pool: Candidate[] = [];
    for (const c of groups[g]!) {
      if (breakers.isOpen(c.deployment.id)) run.blocked.push({ route, candidate: c });
      else pool.push(c);
    }
    while (pool.length > 0) {
      const candidate = pickInGroup(run.rt, route.model, pool);
      pool = pool.filter((c) => c !== candidate);
      const served: Served = { route, candidate };
      if (!(await breakers.canPass(candidate.deployment.id))) {
        run.blocked.push(served);
        continue;
      }
      const call = run.build(candidate, route);
      if (isNotViable(call)) {
        run.notViable ??= call.notViable;
        continue;
      }
      const alternative = () => pool.length > 0 || laterGroupPasses(run, groups, g);
      const out = await tryCandidate(run, served, call, alternative, false);
      if (out !== FAILED) return out;
    }
  }
  return NEXT_MODEL;
}

/** Panic mode: the first viable blocked candidate, by when its block began. */
async function tryPanic(run: Run): Promise<Exchange | undefined | typeof NEXT_MODEL | typeof FAILED> {
  const blocked = [...run.blocked];
  while (blocked.length > 0) {
    // A block may have ended since the candidate was skipped (firstBlocked then skips it): such a
    // deployment needs no panic at all, so the first one met is as good.
    const served = run.rt.breakers.firstBlocked(blocked, (s) => s.candidate.deployment.id) ?? blocked[0]!;
    blocked.splice(blocked.indexOf(served), 1);
    const call = run.build(served.candidate, served.route);
    if (isNotViable(call)) {
      run.notViable ??= call.notViable;
      continue;
    }
    return tryCandidate(run, served, call, () => false, true);
  }
  return NEXT_MODEL;
}

/** Attempts on one deployment: the first, then retries in place while nothing better is left. */
async function tryCandidate(
  run: Run,
  served: Served,
  call: CandidateCall,
  alternative: () => boolean,
  panic: boolean,
): Promise<Exchange | undefined | typeof NEXT_MODEL | typeof FAILED> {
  const { rt, scope, plan } = run;
  const policy: RetryPolicy = policyFor(rt.retryPolicy, served.route.model);
  const timeouts = candidateTimeouts(rt.timeouts, served.route, served.candidate, scope.overrides);
  for (let onDeployment = 1; ; onDeployment++) {
    await spendAttempt(run, served);
    const limits = attemptLimits(rt.now(), timeouts, plan.deadline);
    const result = await sendAttempt(rt, scope, run.res, served, call, limits, panic);
    if (result === undefined || "response" in result) return result;
    run.last = result.error;
    const decision = retryDecision(result.error, onDeployment, policy, rt.random);
    // The model's other deployments share its window: only a larger model can answer.
    if (!decision.retry && decision.reason === "context_window_exceeded") return NEXT_MODEL;
    // A panic attempt goes once: it is there so that no one is denied service, not to hammer a
    // deployment that is known to be failing (a storm then costs one upstream attempt per request).
    // Nor in place on a deployment whose breaker this very failure opened (a 429 only cools it down, and
    // its Retry-After is what the retry waits for).
    const justOpened =
      result.error.code !== "upstream_rate_limited" && rt.breakers.isOpen(served.candidate.deployment.id);
    if (decision.retry && !alternative() && !panic && !justOpened) {
      if (rt.now() + decision.delayMs >= plan.deadline.at) throw result.error;
      await sleep(decision.delayMs);
      if (run.res.destroyed) return undefined;
      continue;
    }
    if (!decision.retry && !decision.fallback) throw result.error;
    return FAILED;
  }
}

/**
 * Counts an attempt about to start: the first one records the pending usage; each later one needs the
 * retry budget and time left, else the last failure is the answer.
 */
async function spendAttempt(run: Run, served: Served): Promise<void> {
  const { rt } = run;
  if (run.attempts === 0) {
    rt.retryBudget.recordFirstAttempt();
    await run.hooks.beforeFirstAttempt(served);
  } else if (rt.now() >= run.plan.deadline.at || !rt.retryBudget.tryRetry()) {
    throw run.last!;
  }
  run.attempts++;
}

function laterGroupPasses(run: Run, groups: Candidate[][], g: number): boolean {
  for (let i = g + 1; i < groups.length; i++)
    if (groups[i]!.some((c) => !run.rt.breakers.isOpen(c.deployment.id))) return true;
  return false;
}
