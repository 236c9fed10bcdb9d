import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatResponse } from "../ir/chat-response.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
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
 * A body that is not a Message throws `upstream_error` naming the field (`content[2].input must be an
 * object`): the upstream broke its contract, not the client. An `{"type":"error"}` body sent with a
 * success status throws the error it describes (overloaded → upstream_overloaded, ...).
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
  if (!isRecord(body)) throw malformed("body", "must be an object");
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
  const id = requireUpstreamString(body["id"], "id");
  const model = requireUpstreamString(body["model"], "model");
  if (!Array.isArray(body["content"])) throw malformed("content", "must be an array");
  const { content, jsonAnswered, otherTools } = decodeContent(body["content"], options.jsonToolName);
  let finishReason = decodeAnthropicStopReason(body["stop_reason"]);
  if (finishReason === "tool_calls" && jsonAnswered && !otherTools) finishReason = "stop";
  const out: IrChatResponse = {
    id,
    model,
    created: Math.floor((options.now ?? Date.now)() / 1000),
    content,
    finishReason,
    usage: decodeAnthropicUsage(body["usage"]),
  };
  if (typeof body["stop_sequence"] === "string") out.stopSequence = body["stop_sequence"];
  return out;
}

/** A tool_use block's input as the IR's JSON text; an input that is not an object, or too deep, is malformed. */
function inputText(input: unknown, param: string): string {
  if (!isRecord(input)) throw malformed(param, "must be an object");
  const text = stringifyJsonWithinDepth(input);
  if (text === undefined) throw malformed(param, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  return text;
}

function decodeBlock(block: unknown, at: string): Content[number] | undefined {
  if (!isRecord(block)) throw malformed(at, "must be an object");
  const field = (key: string) => requireUpstreamString(block[key], `${at}.${key}`);
  switch (block["type"]) {
    case "text":
      return { type: "text", text: field("text") };
    case "thinking":
      return { type: "reasoning", text: field("thinking"), signature: field("signature") };
    case "redacted_thinking":
      return { type: "reasoning", text: "", redactedData: field("data") };
    case "tool_use":
      return {
        type: "tool_call",
        id: field("id"),
        name: field("name"),
        arguments: inputText(block["input"], `${at}.input`),
      };
    default:
      return undefined; // Server-tool blocks and future types have no IR form.
  }
}

function decodeContent(blocks: unknown[], jsonToolName: string | undefined) {
  const content: Content = [];
  let jsonAnswered = false;
  let otherTools = false;
  blocks.forEach((raw, i) => {
    const part = decodeBlock(raw, `content[${i}]`);
    if (part?.type === "tool_call" && jsonToolName !== undefined && part.name === jsonToolName) {
      content.push({ type: "text", text: part.arguments });
      jsonAnswered = true;
    } else if (part !== undefined) {
      content.push(part);
      if (part.type === "tool_call") otherTools = true;
    }
  });
  return { content, jsonAnswered, otherTools };
}

function requireUpstreamString(value: unknown, param: string): string {
  if (typeof value !== "string") throw malformed(param, "must be a string");
  return value;
}

function malformed(param: string, problem: string): GatewayError {
  return new GatewayError("upstream_error", `Unexpected Anthropic response: ${param} ${problem}`);
}
