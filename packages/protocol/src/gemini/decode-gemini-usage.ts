import type { IrUsage } from "../ir/usage.js";
import { isJsonObject } from "./gemini-field-reader.js";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Gemini's `usageMetadata` → IR usage. `promptTokenCount` already includes cached tokens (IR meaning);
 * Gemini counts thoughts apart from `candidatesTokenCount`, so IR output is their sum. The prompt's
 * `promptTokensDetails` entries (`{ modality, tokenCount }`) of modality IMAGE and AUDIO become
 * `imageTokens` and `audioTokens` (VIDEO is priced as image by Google and counted with it).
 * @see https://ai.google.dev/api/generate-content#ModalityTokenCount
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
  const image = modalityCount(m.promptTokensDetails, "IMAGE");
  const audio = modalityCount(m.promptTokensDetails, "AUDIO");
  if (image > 0) usage.imageTokens = image;
  if (audio > 0) usage.audioTokens = audio;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}

function modalityCount(details: unknown, modality: "IMAGE" | "AUDIO"): number {
  if (!Array.isArray(details)) return 0;
  let n = 0;
  for (const d of details) {
    if (!isJsonObject(d)) continue;
    const m = d.modality;
    if (m === modality || (modality === "IMAGE" && m === "VIDEO")) n += count(d.tokenCount);
  }
  return n;
}
