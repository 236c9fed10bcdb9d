import type { IrUsage } from "@gatehouse/protocol";
import type {
  RequestObservation,
  RequestOutcomeLabel,
  UpstreamErrorObservation,
} from "../../metrics/gateway-metrics.js";
import type { Outcome } from "./outcome.js";
import type { RequestHead, RequestScope } from "./request-scope.js";

const NO_ATTEMPTS: readonly never[] = Object.freeze([]);

/**
 * A finished request as metrics count it. The model label is the catalog's name of the requested model
 * (so a wildcard model is counted under its pattern and an alias under its model, never under the
 * client's free text): label cardinality stays bounded by the catalog. A model the catalog does not know
 * (or refuses) is "other"; a request without one (model lists, a refusal before its body was decoded)
 * is "none".
 *
 * @example
 * rt.metrics.observeRequest(requestObservation(head, scope, model, outcome, usage, costNano, rt.now()));
 */
export function requestObservation(
  head: RequestHead,
  scope: RequestScope | undefined,
  requestedModel: string | undefined,
  outcome: Outcome,
  usage: IrUsage | undefined,
  costNano: number,
  now: number,
): RequestObservation {
  return {
    surface: head.surface,
    operation: head.operation,
    model: modelLabel(scope, requestedModel),
    status: outcome.status,
    outcome: outcomeLabel(outcome),
    durationMs: now - head.startedAt,
    ttfbMs: outcome.ttfbMs,
    tokens: usage,
    costNano,
    upstreamErrors: upstreamErrors(scope, outcome),
  };
}

function modelLabel(scope: RequestScope | undefined, requestedModel: string | undefined): string {
  const route = scope?.route;
  if (route !== undefined) return route.model.name;
  return (scope?.requestedModel ?? requestedModel) === undefined ? "none" : "other";
}

function outcomeLabel(o: Outcome): RequestOutcomeLabel {
  if (o.errorCode === "client_closed") return "client_closed";
  if (o.interrupted) return "cut";
  return o.errorCode !== undefined || o.status >= 400 ? "error" : "success";
}

/** Failed attempts (an error status, or no answer) and the served answer's own failure, if any. */
function upstreamErrors(
  scope: RequestScope | undefined,
  outcome: Outcome,
): readonly UpstreamErrorObservation[] {
  const out: UpstreamErrorObservation[] = [];
  for (const a of scope?.attempts ?? NO_ATTEMPTS) {
    if (a.status !== null && a.status < 400) continue;
    if (a.status === null && outcome.errorCode === "client_closed") continue; // the client left, not the upstream
    out.push({
      provider: a.provider,
      deployment: a.deployment,
      code: a.status === null ? "no_answer" : String(a.status),
    });
  }
  const served = outcome.served;
  if (served !== undefined && outcome.errorCode !== undefined && outcome.errorCode !== "client_closed") {
    out.push({
      provider: served.candidate.target.name,
      deployment: served.candidate.deployment.id,
      code: outcome.errorCode,
    });
  }
  return out;
}
