import type { IrChatResponse } from "../ir/chat-response.js";
import { encodeResponsesUsage } from "./encode-responses-usage.js";
import { type ResponsesSettings, responsesIdsOf } from "./responses-settings.js";
import { responsesStatusOf } from "./responses-status-of.js";
import type { ResponsesOutputItem, ResponsesResponse } from "./responses-wire-types.js";

/**
 * An IR answer → the Responses API's `response` object: each reasoning part a `reasoning` item (its text
 * as one summary part; its signature as encrypted_content when the client included it), each text part
 * a `message` item with one `output_text`, each tool call a `function_call` item (call_id = the IR id).
 * @see https://platform.openai.com/docs/api-reference/responses/object
 *
 * @example
 * const body = encodeResponsesResponse(answer, "my-model", settings);
 * // body.output[0]: { type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi", ... }] }
 */
export function encodeResponsesResponse(
  ir: IrChatResponse,
  model: string,
  settings: ResponsesSettings,
): ResponsesResponse {
  const { id, base } = responsesIdsOf(settings, ir.id);
  const { status, incomplete_details } = responsesStatusOf(ir.finishReason);
  // Items that were written whole are "completed" (as a stream's output_item.done says before the finish
  // reason is known); the response's own status tells a cut-off answer.
  const itemStatus = "completed";
  const output = ir.content.map((part, i): ResponsesOutputItem => {
    switch (part.type) {
      case "text":
        return {
          type: "message",
          id: `msg_${base}_${i}`,
          status: itemStatus,
          role: "assistant",
          content: [{ type: "output_text", text: part.text, annotations: [], logprobs: [] }],
        };
      case "tool_call":
        return {
          type: "function_call",
          id: `fc_${base}_${i}`,
          call_id: part.id,
          name: part.name,
          arguments: part.arguments,
          status: itemStatus,
        };
      default: {
        const item: ResponsesOutputItem = {
          type: "reasoning",
          id: `rs_${base}_${i}`,
          summary: part.text === "" ? [] : [{ type: "summary_text", text: part.text }],
        };
        if (settings.encryptedReasoning) item.encrypted_content = part.signature ?? part.redactedData ?? null;
        return item;
      }
    }
  });
  return {
    ...settings.echo,
    id,
    object: "response",
    created_at: ir.created,
    status,
    error: status === "failed" ? { code: "server_error", message: "The model's answer failed." } : null,
    incomplete_details,
    model,
    output,
    usage: encodeResponsesUsage(ir.usage),
  };
}
