import type { RequestContext } from "../data-plane/request-context.js";
import type { UsageFinal } from "../store/store-types.js";
import { computeCostNano } from "./compute-cost.js";

/**
 * The final usage record of a request whose pending record was written: its status, its usage (reported
 * or estimated) and its cost. Also stores the cost on the context for the log line.
 */
export function settleUsage(ctx: RequestContext, finishedAt: number): UsageFinal {
  const usage = ctx.usage ?? { inputTokens: 0, outputTokens: 0 };
  const model = ctx.route?.model;
  ctx.costNano = model ? computeCostNano(usage, model) : 0;
  const status = ctx.interrupted ? "interrupted" : ctx.errorCode !== undefined ? "error" : "success";
  return {
    id: ctx.id,
    status,
    httpStatus: ctx.status,
    errorCode: ctx.errorCode ?? null,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    reasoningTokens: usage.reasoningTokens ?? 0,
    usageEstimated: ctx.usageEstimated,
    costNano: ctx.costNano,
    finishedAt,
    ttfbMs: ctx.ttfbMs ?? null,
    attempts: ctx.attempts,
  };
}
