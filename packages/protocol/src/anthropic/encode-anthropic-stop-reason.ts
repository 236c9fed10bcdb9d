import type { IrFinishReason } from "../ir/finish-reason.js";
import type { AnthropicStopReason } from "./anthropic-wire-types.js";

/**
 * The IR finish reason → Anthropic's `stop_reason`. Anthropic has no word for `error` or `other`;
 * a stream that really failed never gets here (it ends with an `error` event instead), so both
 * become `end_turn`, the reason clients treat as a plain finish.
 * @see https://docs.anthropic.com/en/api/messages#response-stop-reason
 *
 * @example
 * encodeAnthropicStopReason("tool_calls"); // "tool_use"
 */
export function encodeAnthropicStopReason(reason: IrFinishReason): AnthropicStopReason {
  switch (reason) {
    case "stop":
      return "end_turn";
    case "stop_sequence":
      return "stop_sequence";
    case "length":
      return "max_tokens";
    case "tool_calls":
      return "tool_use";
    case "content_filter":
      return "refusal";
    case "pause":
      return "pause_turn";
    case "error":
    case "other":
      return "end_turn";
  }
}
