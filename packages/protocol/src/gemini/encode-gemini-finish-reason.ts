import type { IrFinishReason } from "../ir/finish-reason.js";

/** The Gemini finish reasons Gatehouse emits. */
export type GeminiFinishReason = "STOP" | "MAX_TOKENS" | "SAFETY" | "OTHER";

/**
 * IR → Gemini's `Candidate.finishReason`. Tool calls and stop sequences both end with STOP, as Gemini
 * itself reports them.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function encodeGeminiFinishReason(reason: IrFinishReason): GeminiFinishReason {
  switch (reason) {
    case "stop":
    case "stop_sequence":
    case "tool_calls":
      return "STOP";
    case "length":
      return "MAX_TOKENS";
    case "content_filter":
      return "SAFETY";
    case "error":
    case "pause":
    case "other":
      return "OTHER";
  }
}
