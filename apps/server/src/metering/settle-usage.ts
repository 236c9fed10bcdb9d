import type { IrUsage } from "@gatehouse/protocol";
import type { UsageFinal } from "../store/store-types.js";
import { computeCostNano, type Prices } from "./compute-cost.js";

/** How a request ended, as far as its usage record is concerned. */
export interface UsageOutcome {
  /** The HTTP status sent to the client (499 when it left first). */
  status: number;
  errorCode: string | undefined;
  usage: IrUsage | undefined;
  usageEstimated: boolean;
  interrupted: boolean;
  ttfbMs: number | undefined;
}

/**
 * The final usage record of a request whose pending record was written: its status, its usage (reported
 * or estimated), its cost at `prices` (the served model's; none → 0) and its attempt chain.
 *
 * @example
 * rt.usage.finish(finalUsage(id, outcome, servedModel, attempts, now));
 */
export function finalUsage(
  id: string,
  outcome: UsageOutcome,
  prices: Prices | undefined,
  attempts: unknown[],
  finishedAt: number,
): UsageFinal {
  const usage = outcome.usage ?? { inputTokens: 0, outputTokens: 0 };
  const status = outcome.interrupted ? "interrupted" : outcome.errorCode !== undefined ? "error" : "success";
  return {
    id,
    status,
    httpStatus: outcome.status,
    errorCode: outcome.errorCode ?? null,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    reasoningTokens: usage.reasoningTokens ?? 0,
    usageEstimated: outcome.usageEstimated,
    costNano: prices ? computeCostNano(usage, prices) : 0,
    finishedAt,
    ttfbMs: outcome.ttfbMs ?? null,
    attempts,
  };
}
