import { GatewayError, type IrUsage } from "@gatehouse/protocol";
import { redactUrl } from "../../logging/create-logger.js";
import { logRequest, type RequestLogLine } from "../../logging/log-request.js";
import { type Billing, finalUsage } from "../../metering/settle-usage.js";
import type { UsageRecorder } from "../../metering/usage-recorder.js";
import { NO_METRICS } from "../../metrics/gateway-metrics.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { Admission } from "./admission.js";
import type { Outcome, Served } from "./outcome.js";
import { priceOfCandidate } from "./price-of-candidate.js";
import { requestObservation } from "./request-observation.js";
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
        userId: scope.principal.userId,
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
  /** The model the body named, once decoded (a request refused at authorize has no scope but has this). */
  requestedModel?: string | undefined;
}

/**
 * Step "meter", the last of every request however it ended: the final usage record (if a pending one
 * was begun) with its cost at the served model's prices, the admission settled with that cost (the
 * reservation's remainder released), the one log line, and the request's metrics — all after the
 * answer is finished, so none of it delays the client.
 */
export function meter(rt: GatewayRuntime, input: MeterInput): void {
  const { scope, ticket, outcome } = input;
  const now = rt.now();
  const prompt = scope?.promptText;
  if (!ticket?.begun || !outcome.inputEstimated || outcome.usage === undefined || prompt === undefined) {
    settle(rt, input, now);
    return;
  }
  // No upstream count at all: the prompt is counted with a real tokenizer in a worker thread, after the
  // answer was sent (the record and the settlement wait for it; nothing the client waits for does).
  const usage = outcome.usage;
  const model = outcome.served?.candidate.upstreamModel ?? scope?.requestedModel ?? "";
  rt.tokens.count(prompt(), model).then(
    (inputTokens) => settle(rt, { ...input, outcome: { ...outcome, usage: { ...usage, inputTokens } } }, now),
    (err: unknown) => {
      rt.logger.warn({ err, reqId: input.head.id }, "prompt token count failed: the estimate stays");
      settle(rt, input, now);
    },
  );
}

/** The record, the settlement and the log line, once the usage is known. */
function settle(rt: GatewayRuntime, input: MeterInput, now: number): void {
  const { head, scope, ticket, outcome } = input;
  let costNano = 0;
  let unpriced = false;
  let usage: IrUsage | undefined;
  if (ticket?.begun && scope !== undefined) {
    const billing = billingOf(rt, scope, outcome);
    const final = finalUsage(head.id, outcome, billing, scope.attempts, {
      startedAt: scope.startedAt,
      finishedAt: now,
      stream: scope.stream,
    });
    costNano = final.costNano;
    unpriced = final.unpriced;
    if (unpriced) warnUnpriced(rt, scope, outcome);
    if (billing.price) {
      const tokens = final.inputTokens + final.outputTokens;
      rt.monthlyVolume.add(scope.principal.tenantId, billing.modelKey, scope.startedAt, tokens);
    }
    usage = outcome.usage ?? { inputTokens: final.inputTokens, outputTokens: final.outputTokens };
    rt.usage.finish(final);
  }
  input.admission?.settle({ costNano, usage });
  const line = logLine(head, scope, outcome, costNano, now);
  if (unpriced) line.unpriced = true;
  logRequest(rt.requestLog, line);
  // With metrics off, not even the observation is built.
  if (rt.metrics !== NO_METRICS)
    rt.metrics.observeRequest(
      requestObservation(head, scope, input.requestedModel, outcome, usage, costNano, now),
    );
}

/**
 * The price the request is billed at: that of the deployment that served it (a fallback's, not the
 * requested model's), or — when nothing was served — of the first deployment of the route that was
 * attempted; the tenant's markup and its monthly volume so far ride along.
 */
function billingOf(
  rt: GatewayRuntime,
  scope: RequestScope,
  outcome: Outcome,
): Billing & { modelKey: string } {
  const route = outcome.served?.route ?? scope.route;
  const candidate = outcome.served?.candidate ?? route?.groups[0]?.[0];
  const markupBps = scope.catalog.pricingOf(scope.principal.tenantId).settings.markupBps;
  if (!route || !candidate) return { price: undefined, markupBps, monthlyTokens: 0, modelKey: "" };
  const modelKey = route.model.name;
  const price = priceOfCandidate(rt.prices, scope, route, candidate);
  const monthlyTokens = rt.monthlyVolume.get(scope.principal.tenantId, modelKey, scope.startedAt);
  return { price, markupBps, monthlyTokens, modelKey };
}

/**
 * An unpriced request is recorded at cost 0 and flagged (its log line says `unpriced: true`); the
 * operator is also warned, once per tenant and model per process, never silently.
 */
function warnUnpriced(rt: GatewayRuntime, scope: RequestScope, outcome: Outcome): void {
  const tenantId = scope.principal.tenantId;
  const model = scope.requestedModel;
  if (!rt.unpricedWarnings.first(`${tenantId}\u0000${model}`)) return;
  const upstreamModel = outcome.served?.candidate.upstreamModel;
  rt.logger.warn(
    { tenantId, model, upstreamModel },
    "model has no price: its usage is recorded as unpriced at cost 0 (set a price, or unpricedModels: refuse)",
  );
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
