import type { IrChatRequest } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import { refuseUnmodeled } from "../refuse-unmodeled.js";
import { decodeGeminiRequestWithWarnings } from "./decode-gemini-request.js";
import { geminiField } from "./gemini-field-reader.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";

/**
 * A Gemini `countTokens` body → IR (with `stream: false`), leniently (see decodeGeminiRequestWithWarnings),
 * so the gateway can count the prompt for any upstream. The body holds either `contents` or a whole
 * `generateContentRequest` (never both).
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 *
 * @example
 * decodeGeminiCountTokensRequestWithWarnings({ contents: [{ parts: [{ text: "Hi" }] }] }, "gemini-2.5-flash");
 */
export function decodeGeminiCountTokensRequestWithWarnings(body: unknown, model: string): DecodedChatRequest {
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  const inner = geminiField.optionalObject(b.generateContentRequest, "generateContentRequest");
  if (inner !== undefined && b.contents !== undefined && b.contents !== null) {
    throw geminiField.invalid("contents", "is mutually exclusive with generateContentRequest");
  }
  if (inner === undefined) return decodeGeminiRequestWithWarnings({ contents: b.contents }, model, false);
  const { model: _ignored, ...request } = inner;
  return decodeGeminiRequestWithWarnings(request, model, false);
}

/**
 * A Gemini `countTokens` body → IR (with `stream: false`), strictly: the first feature the IR cannot carry
 * is refused with `unsupported_parameter`; warnings are pushed to `warnings`.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 *
 * @example
 * decodeGeminiCountTokensRequest({ contents: [{ parts: [{ text: "Hi" }] }] }, "gemini-2.5-flash");
 */
export function decodeGeminiCountTokensRequest(
  body: unknown,
  model: string,
  warnings: string[] = [],
): IrChatRequest {
  const decoded = decodeGeminiCountTokensRequestWithWarnings(body, model);
  refuseUnmodeled(decoded.unmodeled, (f) => `${f.param} ${f.reason}`);
  warnings.push(...decoded.warnings);
  return decoded.request;
}
