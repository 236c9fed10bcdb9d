import { GatewayError } from "@gatehouse/protocol";
import { adapterFor } from "../providers/adapter-for.js";
import { resolveTimeouts, type UpstreamTimeouts } from "../resilience/resolve-timeouts.js";
import type { Candidate, Route } from "../routing/model-catalog.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

/** The clocks of one upstream attempt. */
export interface AttemptLimits {
  /** Until the response headers (undici's headersTimeout), never past the deadline. */
  firstByteMs: number;
  /** Between two body chunks (undici's bodyTimeout). */
  idleMs: number;
  /** When the whole exchange must be over, on the runtime's clock: the attempt is aborted then. */
  deadline: number;
  /** The request's total, for the message of the error the deadline raises. */
  totalMs: number;
}

/**
 * When the request must be over: its start plus the total timeout of the requested model (global <
 * model < request). The total spans every attempt, retry and fallback and the streamed answer, which is
 * what a client means by "give up after N ms".
 */
export function requestDeadline(
  rt: GatewayRuntime,
  ctx: RequestContext,
): { deadline: number; totalMs: number } {
  const { totalMs } = resolveTimeouts({
    global: rt.timeouts,
    model: ctx.route!.model.timeouts,
    request: ctx.overrides?.timeouts,
  });
  return { deadline: ctx.startedAt + totalMs, totalMs };
}

/** The timeouts of attempts on one candidate: global < provider kind < model < request. */
export function candidateTimeouts(
  rt: GatewayRuntime,
  ctx: RequestContext,
  route: Route,
  candidate: Candidate,
): Readonly<UpstreamTimeouts> {
  return resolveTimeouts({
    global: rt.timeouts,
    provider: adapterFor(candidate.target.kind).defaultTimeouts,
    model: route.model.timeouts,
    request: ctx.overrides?.timeouts,
  });
}

/** The limits of one attempt starting now: the candidate's clocks, cut short by what is left of the total. */
export function attemptLimits(
  rt: GatewayRuntime,
  t: Readonly<UpstreamTimeouts>,
  deadline: { deadline: number; totalMs: number },
): AttemptLimits {
  // undici reads 0 as "no timeout": at least 1 ms.
  const left = Math.max(1, deadline.deadline - rt.now());
  return {
    firstByteMs: Math.min(t.firstByteMs, left),
    idleMs: t.idleMs,
    deadline: deadline.deadline,
    totalMs: deadline.totalMs,
  };
}

/** The error of a request that ran out of time (504), before or after the first byte. */
export function deadlineError(totalMs: number): GatewayError {
  return new GatewayError(
    "upstream_timeout",
    `The request did not complete within its time limit of ${totalMs} ms.`,
  );
}
