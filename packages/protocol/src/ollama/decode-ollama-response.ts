import type { IrChatResponse } from "../ir/chat-response.js";
import { emptyUsage } from "../ir/usage.js";
import { createFieldReader } from "../openai/create-field-reader.js";
import { decodeOllamaDoneReason } from "./map-ollama-done-reason.js";
import { readOllamaChunk } from "./read-ollama-chunk.js";

/**
 * An Ollama non-streamed /api/chat answer → IR: `thinking` as reasoning, `content` as text, tool calls
 * with their object arguments as JSON text, prompt_eval_count/eval_count as usage. A malformed body
 * throws GatewayError("upstream_error").
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-no-streaming
 *
 * @example
 * const ir = decodeOllamaResponse(JSON.parse(text));
 */
export function decodeOllamaResponse(body: unknown): IrChatResponse {
  const c = readOllamaChunk(body, createFieldReader("upstream_error"));
  return {
    id: c.id,
    model: c.model,
    created: c.created,
    content: [
      ...(c.thinking === "" ? [] : [{ type: "reasoning" as const, text: c.thinking }]),
      ...(c.content === "" ? [] : [{ type: "text" as const, text: c.content }]),
      ...c.toolCalls,
    ],
    finishReason: decodeOllamaDoneReason(c.doneReason, c.toolCalls.length > 0),
    usage: c.usage ?? emptyUsage(),
  };
}
