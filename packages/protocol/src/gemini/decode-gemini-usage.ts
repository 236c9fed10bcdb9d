import type { IrUsage } from "../ir/usage.js";
import { isJsonObject } from "./gemini-field-reader.js";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Gemini's `usageMetadata` → IR usage. `promptTokenCount` already includes cached tokens (IR meaning);
 * Gemini counts thoughts apart from `candidatesTokenCount`, so IR output is their sum.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function decodeGeminiUsage(metadata: unknown): IrUsage {
  const m = isJsonObject(metadata) ? metadata : {};
  const thoughts = count(m.thoughtsTokenCount);
  const cached = count(m.cachedContentTokenCount);
  const usage: IrUsage = {
    inputTokens: count(m.promptTokenCount),
    outputTokens: count(m.candidatesTokenCount) + thoughts,
  };
  if (cached > 0) usage.cacheReadTokens = cached;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}
