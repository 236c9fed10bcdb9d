import { GatewayError } from "@gatehouse/protocol";
import { adapterFor } from "../../providers/adapter-for.js";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import { resolveTimeouts, type UpstreamTimeouts } from "../../resilience/resolve-timeouts.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import type { Timeouts } from "../gateway-runtime.js";

/** When a request must be over, and its total (for the message of the error the deadline raises). */
export interface Deadline {
  /** On the runtime's clock. */
  at: number;
  totalMs: number;
}

/** The clocks of one upstream attempt. */
export interface AttemptLimits {
  /** Until the response headers (undici's headersTimeout), never past the deadline. */
  firstByteMs: number;
  /** Between two body chunks (undici's bodyTimeout). */
  idleMs: number;
  deadline: Deadline;
}

/**
 * When the request must be over: its start plus the total timeout of the requested model (global <
 * model < request). The total spans every attempt, retry and fallback and the streamed answer, which is
 * what a client means by "give up after N ms".
 */
export function requestDeadline(
  global: Timeouts,
  startedAt: number,
  route: Route,
  overrides: RequestOverrides | undefined,
): Deadline {
  const { totalMs } = resolveTimeouts({ global, model: route.model.timeouts, request: overrides?.timeouts });
  return { at: startedAt + totalMs, totalMs };
}

/** The timeouts of attempts on one candidate: global < provider kind < model < request. */
export function candidateTimeouts(
  global: Timeouts,
  route: Route,
  candidate: Candidate,
  overrides: RequestOverrides | undefined,
): Readonly<UpstreamTimeouts> {
  return resolveTimeouts({
    global,
    provider: adapterFor(candidate.target.kind).defaultTimeouts,
    model: route.model.timeouts,
    request: overrides?.timeouts,
  });
}

/** The limits of one attempt starting `now`: the candidate's clocks, cut short by what is left of the total. */
export function attemptLimits(now: number, t: Readonly<UpstreamTimeouts>, deadline: Deadline): AttemptLimits {
  // undici reads 0 as "no timeout": at least 1 ms.
  const left = Math.max(1, deadline.at - now);
  return { firstByteMs: Math.min(t.firstByteMs, left), idleMs: t.idleMs, deadline };
}

/** The error of a request that ran out of time (504), before or after the first byte. */
export function deadlineError(totalMs: number): GatewayError {
  return new GatewayError(
    "upstream_timeout",
    `The request did not complete within its time limit of ${totalMs} ms.`,
  );
}
