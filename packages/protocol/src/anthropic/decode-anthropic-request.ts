import type { IrChatRequest } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import { refuseUnmodeled } from "../refuse-unmodeled.js";
import { ANTHROPIC_PLATFORM_FIELDS, decodeAnthropicChatBody } from "./decode-anthropic-chat-body.js";

/**
 * A client's POST /v1/messages body → IR request, leniently. Bad input throws GatewayError
 * `invalid_request` with the offending `param` (Anthropic's dotted style, `messages.0.content.1.text`);
 * valid Anthropic features the IR cannot carry — server tools (web_search, code_execution, bash,
 * text_editor, ...), document/search_result/server-tool blocks, Files API images, mcp_servers, container,
 * context_management — are listed in `unmodeled` and left out of the request. `warnings` is empty: nothing
 * this decoder drops changes the question. `tool_use.input` becomes JSON text; a user turn's tool_result
 * blocks become an IR `tool` message.
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * decodeAnthropicRequestWithWarnings({ model: "claude-sonnet-4-5", max_tokens: 1024,
 *   tools: [{ type: "web_search_20250305", name: "web_search" }],
 *   messages: [{ role: "user", content: "Hello" }] }).unmodeled;
 * // [{ param: "tools.0.type", reason: 'server tool "web_search_20250305" is not supported by this gateway' }]
 */
export function decodeAnthropicRequestWithWarnings(body: unknown): DecodedChatRequest {
  return decodeAnthropicChatBody(body, { maxTokensRequired: true });
}

/**
 * A client's POST /v1/messages body → IR request, strictly: as {@link decodeAnthropicRequestWithWarnings},
 * but the first server tool, unsupported block or Files API image is refused with a 400
 * `unsupported_parameter` naming it. mcp_servers, container and context_management are let through (and
 * left out), as this decoder always did.
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * decodeAnthropicRequest({ model: "claude-sonnet-4-5", max_tokens: 1024,
 *   messages: [{ role: "user", content: "Hello" }] });
 * // { model: "claude-sonnet-4-5", maxTokens: 1024, stream: false,
 * //   messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }] }
 */
export function decodeAnthropicRequest(body: unknown): IrChatRequest {
  const decoded = decodeAnthropicRequestWithWarnings(body);
  refuseUnmodeled(decoded.unmodeled, (f) => `${f.param}: ${f.reason}`, ANTHROPIC_PLATFORM_FIELDS);
  return decoded.request;
}
