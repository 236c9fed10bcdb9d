import type { IrChatResponse } from "../ir/chat-response.js";
import { encodeOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { encodeOpenAIUsage } from "./map-openai-usage.js";
import type { OpenAIChatResponse, OpenAIResponseMessage, OpenAIToolCall } from "./openai-chat-types.js";

/**
 * IR → the `chat.completion` object a client receives, with `model` the public name it asked for.
 * Reasoning text goes to `message.reasoning_content`, the vendor extension DeepSeek introduced and most
 * OpenAI-compatible clients read; reasoning signatures and redacted reasoning cannot travel in this
 * format and are left out (a client that needs them must speak a format that has them).
 * @see https://platform.openai.com/docs/api-reference/chat/object
 *
 * @example
 * reply.send(encodeOpenAIResponse(ir, "my-model"));
 */
export function encodeOpenAIResponse(ir: IrChatResponse, model: string): OpenAIChatResponse {
  let text = "";
  let reasoning = "";
  const calls: OpenAIToolCall[] = [];
  for (const part of ir.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "reasoning") reasoning += part.text;
    else
      calls.push({ id: part.id, type: "function", function: { name: part.name, arguments: part.arguments } });
  }
  const message: OpenAIResponseMessage = {
    role: "assistant",
    content: text === "" && calls.length > 0 ? null : text,
    refusal: null,
  };
  if (reasoning !== "") message.reasoning_content = reasoning;
  if (calls.length > 0) message.tool_calls = calls;
  return {
    id: ir.id,
    object: "chat.completion",
    created: ir.created,
    model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: encodeOpenAIFinishReason(ir.finishReason) },
    ],
    usage: encodeOpenAIUsage(ir.usage),
  };
}
