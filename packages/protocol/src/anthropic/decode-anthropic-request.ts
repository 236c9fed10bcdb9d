import type { IrChatRequest } from "../ir/chat-request.js";
import { decodeAnthropicChatBody } from "./decode-anthropic-chat-body.js";

/**
 * A client's POST /v1/messages body → IR request. Any bad input throws GatewayError
 * `invalid_request` (or `unsupported_parameter` for valid Anthropic features the gateway cannot route:
 * document/search_result blocks, Files API images, server tools) with the offending `param`.
 * `tool_use.input` becomes JSON text; a user turn's tool_result blocks become an IR `tool` message.
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * decodeAnthropicRequest({ model: "claude-sonnet-4-5", max_tokens: 1024,
 *   messages: [{ role: "user", content: "Hello" }] });
 * // { model: "claude-sonnet-4-5", maxTokens: 1024, stream: false,
 * //   messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }] }
 */
export function decodeAnthropicRequest(body: unknown): IrChatRequest {
  return decodeAnthropicChatBody(body, { maxTokensRequired: true });
}
