import type { IrUsage } from "../ir/usage.js";
import type { GeminiUsageMetadata } from "./gemini-wire-types.js";

/**
 * IR usage → Gemini's `usageMetadata`: reasoning tokens move out of the candidates count into
 * `thoughtsTokenCount`, as Gemini reports them.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function encodeGeminiUsage(usage: IrUsage): GeminiUsageMetadata {
  const thoughts = Math.min(usage.reasoningTokens ?? 0, usage.outputTokens);
  const metadata: GeminiUsageMetadata = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - thoughts,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cacheReadTokens) metadata.cachedContentTokenCount = usage.cacheReadTokens;
  if (thoughts > 0) metadata.thoughtsTokenCount = thoughts;
  return metadata;
}
