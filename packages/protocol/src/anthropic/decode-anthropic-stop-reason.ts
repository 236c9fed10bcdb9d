import type { IrFinishReason } from "../ir/finish-reason.js";

/**
 * Anthropic's `stop_reason` → the IR finish reason.
 * `model_context_window_exceeded` means the output was cut by the context window: a length stop.
 * @see https://docs.anthropic.com/en/api/messages#response-stop-reason
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 *
 * @example
 * decodeAnthropicStopReason("refusal"); // "content_filter"
 */
export function decodeAnthropicStopReason(reason: unknown): IrFinishReason {
  switch (reason) {
    case "end_turn":
      return "stop";
    case "stop_sequence":
      return "stop_sequence";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "pause_turn":
      return "pause";
    case "refusal":
      return "content_filter";
    default:
      return "other";
  }
}
