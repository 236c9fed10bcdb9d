import type { IrChatResponse } from "../ir/chat-response.js";
import type { AnthropicMessageResponse, AnthropicResponseBlock } from "./anthropic-wire-types.js";
import { encodeAnthropicStopReason } from "./encode-anthropic-stop-reason.js";
import { encodeAnthropicToolInput } from "./encode-anthropic-tool-input.js";
import { encodeAnthropicUsage } from "./encode-anthropic-usage.js";

/**
 * IR response → the Message object a client of POST /v1/messages receives, under the public `model`
 * name. Reasoning keeps its signature byte-exact (empty when another provider produced it); tool-call
 * arguments become `input` objects (text that is not a JSON object is wrapped, see
 * encodeAnthropicToolInput). Usage is converted to Anthropic's meaning (input excludes cache).
 * @see https://docs.anthropic.com/en/api/messages#response
 *
 * @example
 * encodeAnthropicResponse(ir, "my-claude").stop_reason; // "end_turn"
 */
export function encodeAnthropicResponse(ir: IrChatResponse, model: string): AnthropicMessageResponse {
  return {
    id: ir.id,
    type: "message",
    role: "assistant",
    model,
    content: ir.content.map(encodeBlock),
    stop_reason: encodeAnthropicStopReason(ir.finishReason),
    stop_sequence: ir.stopSequence ?? null,
    usage: encodeAnthropicUsage(ir.usage),
  };
}

function encodeBlock(part: IrChatResponse["content"][number]): AnthropicResponseBlock {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text };
    case "reasoning":
      if (part.redactedData !== undefined) return { type: "redacted_thinking", data: part.redactedData };
      return { type: "thinking", thinking: part.text, signature: part.signature ?? "" };
    case "tool_call":
      return {
        type: "tool_use",
        id: part.id,
        name: part.name,
        input: encodeAnthropicToolInput(part.arguments).input,
      };
  }
}
