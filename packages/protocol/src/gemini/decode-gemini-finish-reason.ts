import type { IrFinishReason } from "../ir/finish-reason.js";

/**
 * Gemini's `Candidate.finishReason` → IR. Gemini ends a function-call answer with STOP, so the caller says
 * whether the answer holds tool calls and STOP then means `tool_calls`. Gemini does not tell a caller's stop
 * sequence apart from a natural stop: both are `stop`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function decodeGeminiFinishReason(reason: string | undefined, hasToolCalls: boolean): IrFinishReason {
  switch (reason) {
    case "STOP":
      return hasToolCalls ? "tool_calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return "content_filter";
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
    case "TOO_MANY_TOOL_CALLS":
      return "error";
    case "CONTINUATION":
      // The answer hit a per-request limit and may be continued: the closest IR meaning is a paused turn.
      return "pause";
    default:
      // LANGUAGE, OTHER, NO_IMAGE, IMAGE_OTHER, FINISH_REASON_UNSPECIFIED and anything new.
      return hasToolCalls ? "tool_calls" : "other";
  }
}
