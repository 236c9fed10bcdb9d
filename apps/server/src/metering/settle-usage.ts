import type { IrUsage } from "@gatehouse/protocol";
import type { UsageFinal } from "../store/store-types.js";
import { computeCost } from "./compute-cost.js";
import type { ResolvedPrice } from "./resolve-price.js";

/** How a streamed answer ended, as its usage record says. */
export type StreamOutcome = UsageFinal["streamOutcome"];

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

/** The price a request is billed at: undefined price = the model has none (recorded `unpriced`). */
export interface Billing {
  price: ResolvedPrice | undefined;
  markupBps: number;
  /** The tenant's tokens for the model earlier this month (volume tiers). */
  monthlyTokens: number;
}

/** When the request ran and whether it streamed: the record's latency and stream outcome. */
export interface UsageTiming {
  startedAt: number;
  finishedAt: number;
  stream: boolean;
}

/**
 * How a streamed answer ended: `client_closed` when the client left (499), `cut` when the upstream or
 * the deadline ended it early (or it failed before its first byte), `completed` otherwise; null for an
 * answer that was not streamed.
 */
export function streamOutcomeOf(outcome: UsageOutcome, stream: boolean): StreamOutcome {
  if (!stream) return null;
  if (outcome.status === 499) return "client_closed";
  return outcome.interrupted || outcome.errorCode !== undefined ? "cut" : "completed";
}

/**
 * The final usage record of a request whose pending record was written: its status, its usage (reported
 * or estimated) with every part (cache writes by TTL, image and audio), its exact cost at `billing`
 * with the price version, `unpriced` when there was no price (cost 0, never a silent one: the meter
 * logs a warning), the stream outcome, the latency and the attempt chain.
 *
 * @example
 * rt.usage.finish(finalUsage(id, outcome, billing, attempts, { startedAt, finishedAt: now, stream }));
 */
export function finalUsage(
  id: string,
  outcome: UsageOutcome,
  billing: Billing,
  attempts: unknown[],
  timing: UsageTiming,
): UsageFinal {
  const usage = outcome.usage ?? { inputTokens: 0, outputTokens: 0 };
  const status = outcome.interrupted ? "interrupted" : outcome.errorCode !== undefined ? "error" : "success";
  const price = billing.price;
  const cost = price
    ? computeCost(usage, price.sheet, { markupBps: billing.markupBps, monthlyTokens: billing.monthlyTokens })
    : undefined;
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
    cacheWrite1hTokens: usage.cacheWrite1hTokens ?? 0,
    imageTokens: usage.imageTokens ?? 0,
    audioTokens: (usage.audioTokens ?? 0) + (usage.audioOutputTokens ?? 0),
    usageEstimated: outcome.usageEstimated,
    costNano: cost?.costNano ?? 0,
    priceVersion: price?.version ?? null,
    unpriced: price === undefined,
    streamOutcome: streamOutcomeOf(outcome, timing.stream),
    finishedAt: timing.finishedAt,
    ttfbMs: outcome.ttfbMs ?? null,
    latencyMs: Math.max(0, timing.finishedAt - timing.startedAt),
    attempts,
  };
}
