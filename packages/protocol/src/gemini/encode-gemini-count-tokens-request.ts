import type { IrChatRequest } from "../ir/chat-request.js";
import { encodeGeminiRequest } from "./encode-gemini-request.js";
import type { GeminiGenerateContentRequest } from "./gemini-wire-types.js";

/** The body of `models/{model}:countTokens` when the whole request is counted. */
export interface GeminiCountTokensRequest {
  generateContentRequest: GeminiGenerateContentRequest & { model: string };
}

/**
 * IR → a Gemini `countTokens` body counting the whole request (system instruction and tools included),
 * through `generateContentRequest`, which needs the model's resource name.
 * @see https://ai.google.dev/api/tokens#method:-models.counttokens
 *
 * @example
 * encodeGeminiCountTokensRequest(ir, "gemini-2.5-flash").body.generateContentRequest.model; // "models/gemini-2.5-flash"
 */
export function encodeGeminiCountTokensRequest(
  ir: IrChatRequest,
  upstreamModel: string,
): { body: GeminiCountTokensRequest; warnings: string[] } {
  const { body, warnings } = encodeGeminiRequest(ir, upstreamModel);
  return { body: { generateContentRequest: { model: `models/${upstreamModel}`, ...body } }, warnings };
}
