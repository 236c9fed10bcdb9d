import type { IrChatRequest } from "../ir/chat-request.js";
import { decodeAnthropicChatBody } from "./decode-anthropic-chat-body.js";

/**
 * A POST /v1/messages/count_tokens body → IR request. Same body as Messages without `max_tokens`
 * (accepted and kept if present) and without streaming.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 *
 * @example
 * decodeAnthropicCountTokensRequest({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] });
 */
export function decodeAnthropicCountTokensRequest(body: unknown): IrChatRequest {
  const ir = decodeAnthropicChatBody(body, { maxTokensRequired: false });
  ir.stream = false;
  return ir;
}
