import type { IrUsage } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { embeddingsInputChars } from "./embeddings-input-chars.js";

/**
 * An embeddings request's usage: input tokens only (an embedding generates none). The upstream's count
 * when it reported one; otherwise — none, or 0 for non-empty input, which is how decoders say "absent"
 * (Gemini reports nothing) — an estimate from characters, marked estimated.
 */
export function settleEmbeddingsUsage(
  reported: number | undefined,
  input: readonly string[],
): { usage: IrUsage; usageEstimated: boolean } {
  const chars = embeddingsInputChars(input);
  if (reported !== undefined && (reported > 0 || chars === 0)) {
    return { usage: { inputTokens: reported, outputTokens: 0 }, usageEstimated: false };
  }
  return { usage: { inputTokens: estimateTokens(chars), outputTokens: 0 }, usageEstimated: true };
}
