import type { IrChatRequest } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import { refuseUnmodeled } from "../refuse-unmodeled.js";
import { ANTHROPIC_PLATFORM_FIELDS, decodeAnthropicChatBody } from "./decode-anthropic-chat-body.js";

/**
 * A POST /v1/messages/count_tokens body → IR request, leniently (see decodeAnthropicRequestWithWarnings).
 * Same body as Messages without `max_tokens` (accepted and kept if present) and without streaming.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 *
 * @example
 * decodeAnthropicCountTokensRequestWithWarnings({ model: "claude-sonnet-4-5",
 *   messages: [{ role: "user", content: "Hi" }] }).request.stream; // false
 */
export function decodeAnthropicCountTokensRequestWithWarnings(body: unknown): DecodedChatRequest {
  const decoded = decodeAnthropicChatBody(body, { maxTokensRequired: false });
  decoded.request.stream = false;
  return decoded;
}

/**
 * A POST /v1/messages/count_tokens body → IR request, strictly: the first server tool, unsupported block
 * or Files API image is refused with `unsupported_parameter`.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 *
 * @example
 * decodeAnthropicCountTokensRequest({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] });
 */
export function decodeAnthropicCountTokensRequest(body: unknown): IrChatRequest {
  const decoded = decodeAnthropicCountTokensRequestWithWarnings(body);
  refuseUnmodeled(decoded.unmodeled, (f) => `${f.param}: ${f.reason}`, ANTHROPIC_PLATFORM_FIELDS);
  return decoded.request;
}
