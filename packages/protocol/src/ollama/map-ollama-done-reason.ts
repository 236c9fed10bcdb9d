import type { IrFinishReason } from "../ir/finish-reason.js";

/**
 * Ollama `done_reason` → IR. Ollama says "stop" after tool calls too, so a call seen in the answer makes
 * it tool_calls; "load"/"unload" answer model-management requests, not generations.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function decodeOllamaDoneReason(reason: string | undefined, sawToolCall: boolean): IrFinishReason {
  switch (reason) {
    case undefined:
    case "stop":
      return sawToolCall ? "tool_calls" : "stop";
    case "length":
      return "length";
    default:
      return "other";
  }
}
