import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatResponse } from "../ir/chat-response.js";
import { decodeAnthropicErrorType } from "./decode-anthropic-error-type.js";
import { decodeAnthropicStopReason } from "./decode-anthropic-stop-reason.js";
import { decodeAnthropicUsage } from "./decode-anthropic-usage.js";
import { isRecord } from "./wire-validation.js";

export interface AnthropicResponseDecodeOptions {
  /** The forced tool that emulated JSON output (EncodedAnthropicRequest.jsonToolName): its input becomes text. */
  jsonToolName?: string;
  /** Clock for `created` (Anthropic sends no timestamp); unix milliseconds. */
  now?: () => number;
}

type Content = IrChatResponse["content"];

/**
 * An upstream Message object → IR response. Content blocks: text, thinking (signature byte-exact),
 * redacted_thinking, tool_use (input → JSON text); server-tool blocks have no IR form and are skipped.
 * With `jsonToolName`, that tool's call becomes the answer text and its `tool_use` stop a plain stop.
 * A body that is not a Message throws `upstream_error` (the upstream broke its contract, not the client).
 * @see https://docs.anthropic.com/en/api/messages#response
 *
 * @example
 * decodeAnthropicResponse({ id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-5",
 *   content: [{ type: "text", text: "Hi" }], stop_reason: "end_turn", stop_sequence: null,
 *   usage: { input_tokens: 5, output_tokens: 1 } }).content; // [{ type: "text", text: "Hi" }]
 */
export function decodeAnthropicResponse(
  body: unknown,
  options: AnthropicResponseDecodeOptions = {},
): IrChatResponse {
  if (!isRecord(body)) throw malformed("the body is not an object");
  if (body["type"] === "error") {
    const error = isRecord(body["error"]) ? body["error"] : {};
    const message = typeof error["message"] === "string" ? error["message"] : "Anthropic returned an error";
    const upstreamType = typeof error["type"] === "string" ? error["type"] : undefined;
    throw new GatewayError(
      decodeAnthropicErrorType(upstreamType),
      message,
      upstreamType ? { upstreamType } : {},
    );
  }
  if (
    typeof body["id"] !== "string" ||
    typeof body["model"] !== "string" ||
    !Array.isArray(body["content"])
  ) {
    throw malformed("id, model or content is missing");
  }
  const { content, jsonAnswered, otherTools } = decodeContent(body["content"], options.jsonToolName);
  let finishReason = decodeAnthropicStopReason(body["stop_reason"]);
  if (finishReason === "tool_calls" && jsonAnswered && !otherTools) finishReason = "stop";
  const out: IrChatResponse = {
    id: body["id"],
    model: body["model"],
    created: Math.floor((options.now ?? Date.now)() / 1000),
    content,
    finishReason,
    usage: decodeAnthropicUsage(body["usage"]),
  };
  if (typeof body["stop_sequence"] === "string") out.stopSequence = body["stop_sequence"];
  return out;
}

function decodeContent(blocks: unknown[], jsonToolName: string | undefined) {
  const content: Content = [];
  let jsonAnswered = false;
  let otherTools = false;
  for (const block of blocks) {
    if (!isRecord(block)) throw malformed("a content block is not an object");
    const type = block["type"];
    if (type === "text") content.push({ type: "text", text: str(block["text"]) });
    else if (type === "thinking") {
      content.push({ type: "reasoning", text: str(block["thinking"]), signature: str(block["signature"]) });
    } else if (type === "redacted_thinking")
      content.push({ type: "reasoning", text: "", redactedData: str(block["data"]) });
    else if (type === "tool_use") {
      const args = JSON.stringify(isRecord(block["input"]) ? block["input"] : {});
      if (jsonToolName !== undefined && block["name"] === jsonToolName) {
        content.push({ type: "text", text: args });
        jsonAnswered = true;
      } else {
        content.push({ type: "tool_call", id: str(block["id"]), name: str(block["name"]), arguments: args });
        otherTools = true;
      }
    }
  }
  return { content, jsonAnswered, otherTools };
}

function str(value: unknown): string {
  if (typeof value !== "string") throw malformed("a content block field is not a string");
  return value;
}

function malformed(why: string): GatewayError {
  return new GatewayError("upstream_error", `Anthropic returned a malformed message: ${why}`);
}
