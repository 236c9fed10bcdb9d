import { estimateTokens } from "../metering/estimate-tokens.js";
import type { RequestContext } from "./request-context.js";

/**
 * Marks a request whose client left before the end: interrupted, status 499 (nginx's "client closed
 * request"), usage as delivered so far — estimated when the upstream had not reported it yet.
 */
export function markClientGone(ctx: RequestContext, promptChars: number, deliveredChars = 0): void {
  ctx.interrupted = true;
  ctx.status = 499;
  ctx.errorCode = "client_closed";
  if (!ctx.usage) estimateUsage(ctx, promptChars, deliveredChars);
}

/**
 * Sets usage from character counts, marked estimated: for requests whose upstream reported none (a
 * stream cut before its usage, a client gone mid-answer).
 */
export function estimateUsage(ctx: RequestContext, promptChars: number, deliveredChars: number): void {
  ctx.usage = { inputTokens: estimateTokens(promptChars), outputTokens: estimateTokens(deliveredChars) };
  ctx.usageEstimated = true;
}
