import { estimateTokens } from "../../metering/estimate-tokens.js";
import type { RequestContext } from "../request-context.js";
import { embeddingsInputChars } from "./embeddings-input-chars.js";

/**
 * Sets an embeddings request's usage on its context: input tokens only (an embedding generates none).
 * The upstream's count when it reported one; otherwise — none, or 0 for non-empty input, which is how
 * decoders say "absent" (Gemini reports nothing) — an estimate from characters, marked usageEstimated.
 * Returns the input tokens settled on.
 */
export function settleEmbeddingsUsage(
  ctx: RequestContext,
  reported: number | undefined,
  input: readonly string[],
): number {
  const chars = embeddingsInputChars(input);
  if (reported !== undefined && (reported > 0 || chars === 0)) {
    ctx.usage = { inputTokens: reported, outputTokens: 0 };
    ctx.usageEstimated = false;
  } else {
    ctx.usage = { inputTokens: estimateTokens(chars), outputTokens: 0 };
    ctx.usageEstimated = true;
  }
  return ctx.usage.inputTokens;
}
