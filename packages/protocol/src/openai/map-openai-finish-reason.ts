import type { IrFinishReason } from "../ir/finish-reason.js";
import type { OpenAIFinishReason } from "./openai-chat-types.js";

/**
 * OpenAI `finish_reason` → IR. OpenAI says `stop` for a natural end and for a matched stop sequence alike,
 * so stop_sequence never comes out of this format.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function decodeOpenAIFinishReason(reason: string | null | undefined): IrFinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}

/**
 * IR finish reason → OpenAI `finish_reason`. OpenAI has no word for a paused turn, an error or "other":
 * they read as `stop`, the end of an answer the client should not continue on its own.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function encodeOpenAIFinishReason(reason: IrFinishReason): OpenAIFinishReason {
  switch (reason) {
    case "length":
      return "length";
    case "tool_calls":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    case "stop":
    case "stop_sequence":
    case "pause":
    case "error":
    case "other":
      return "stop";
  }
}
