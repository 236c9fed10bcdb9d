import type { IrChatRequest } from "../ir/chat-request.js";
import { decodeGeminiRequest } from "./decode-gemini-request.js";
import { geminiField } from "./gemini-field-reader.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";

/**
 * A Gemini `countTokens` body → IR (with `stream: false`), so the gateway can count the prompt for any
 * upstream. The body holds either `contents` or a whole `generateContentRequest` (never both).
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
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  const inner = geminiField.optionalObject(b.generateContentRequest, "generateContentRequest");
  if (inner !== undefined && b.contents !== undefined && b.contents !== null) {
    throw geminiField.invalid("contents", "is mutually exclusive with generateContentRequest");
  }
  if (inner === undefined) return decodeGeminiRequest({ contents: b.contents }, model, false, warnings);
  const { model: _ignored, ...request } = inner;
  return decodeGeminiRequest(request, model, false, warnings);
}
