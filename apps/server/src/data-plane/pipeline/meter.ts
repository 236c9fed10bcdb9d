import { GatewayError } from "@gatehouse/protocol";
import { redactUrl } from "../../logging/create-logger.js";
import { logRequest, type RequestLogLine } from "../../logging/log-request.js";
import { finalUsage } from "../../metering/settle-usage.js";
import type { UsageRecorder } from "../../metering/usage-recorder.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { Admission } from "./admission.js";
import type { Outcome, Served } from "./outcome.js";
import type { RequestHead, RequestScope } from "./request-scope.js";

/**
 * A request's usage record, from pending to final. The forwarder calls `begin` right before the first
 * upstream byte goes out; from then on the meter step must finalize it, whatever happens.
 */
export class UsageTicket {
  begun = false;

  constructor(
    private readonly usage: UsageRecorder,
    private readonly scope: RequestScope,
  ) {}

  /** Makes the pending record durable: no upstream call happens unrecorded (DESIGN.md invariant 3). */
  async begin(served: Served): Promise<void> {
    const { scope } = this;
    const { candidate } = served;
    try {
      await this.usage.begin({
        id: scope.id,
        tenantId: scope.principal.tenantId,
        workspaceId: scope.principal.workspaceId,
        apiKeyId: scope.principal.id,
        model: scope.requestedModel ?? "",
        providerId: candidate.target.id,
        deploymentId: candidate.deployment.id,
        upstreamModel: candidate.upstreamModel,
        surface: scope.surface,
        stream: scope.stream,
        startedAt: scope.startedAt,
      });
    } catch (err) {
      throw new GatewayError(
        "service_unavailable",
        "Usage could not be recorded; the request was not sent.",
        {},
        { cause: err },
      );
    }
    this.begun = true;
  }
}

/** What the meter step is given: whatever the earlier steps got to before the request ended. */
export interface MeterInput {
  head: RequestHead;
  scope: RequestScope | undefined;
  ticket: UsageTicket | undefined;
  admission: Admission | undefined;
  outcome: Outcome;
}

/**
 * Step "meter", the last of every request however it ended: the final usage record (if a pending one
 * was begun) with its cost at the served model's prices, the admission settled with that cost (the
 * reservation's remainder released), and the one log line.
 */
export function meter(rt: GatewayRuntime, input: MeterInput): void {
  const { head, scope, ticket, outcome } = input;
  const now = rt.now();
  let costNano = 0;
  if (ticket?.begun && scope !== undefined) {
    const prices = (outcome.served?.route ?? scope.route)?.model;
    const final = finalUsage(head.id, outcome, prices, scope.attempts, now);
    costNano = final.costNano;
    rt.usage.finish(final);
  }
  input.admission?.settle(costNano);
  logRequest(rt.requestLog, logLine(head, scope, outcome, costNano, now));
}

function logLine(
  head: RequestHead,
  scope: RequestScope | undefined,
  outcome: Outcome,
  costNano: number,
  now: number,
): RequestLogLine {
  const line: RequestLogLine = {
    reqId: head.id,
    method: head.method,
    url: redactUrl(head.url),
    status: outcome.status,
    ms: now - head.startedAt,
    surface: head.surface,
  };
  if (scope?.requestedModel !== undefined) line.model = scope.requestedModel;
  if (scope !== undefined) line.keyId = scope.principal.id;
  const last = scope?.attempts[scope.attempts.length - 1];
  if (outcome.served) {
    line.provider = outcome.served.candidate.target.name;
    line.deployment = outcome.served.candidate.deployment.id;
  } else if (last) {
    line.provider = last.provider;
    line.deployment = last.deployment;
  }
  if (scope?.stream) line.stream = true;
  if (outcome.ttfbMs !== undefined) line.ttfbMs = outcome.ttfbMs;
  if (outcome.usage) {
    line.inputTokens = outcome.usage.inputTokens;
    line.outputTokens = outcome.usage.outputTokens;
    line.costNano = costNano;
  }
  if (outcome.interrupted) line.interrupted = true;
  if (outcome.errorCode) {
    line.error = outcome.errorCode;
    line.errorMessage = outcome.errorMessage;
  }
  return line;
}
