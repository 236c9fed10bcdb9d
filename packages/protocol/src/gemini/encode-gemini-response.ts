import type { IrChatResponse } from "../ir/chat-response.js";
import { encodeGeminiFinishReason } from "./encode-gemini-finish-reason.js";
import { encodeGeminiParts } from "./encode-gemini-parts.js";
import { encodeGeminiUsage } from "./encode-gemini-usage.js";
import type { GeminiCandidate, GeminiGenerateContentResponse } from "./gemini-wire-types.js";

/**
 * IR → a Gemini `GenerateContentResponse` for a client, `model` being the public model name it asked for.
 * Tool calls keep their ids (Gemini's `functionCall.id`) so a client can echo them back; reasoning becomes
 * `thought` parts. An answer blocked with nothing in it has no `content`, as Gemini sends it; any other
 * empty answer has one empty text part, so clients reading `content.parts[0]` do not break.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 *
 * @example
 * encodeGeminiResponse(ir, "gemini-2.5-flash"); // { candidates: [...], usageMetadata: {...}, modelVersion, responseId }
 */
export function encodeGeminiResponse(ir: IrChatResponse, model: string): GeminiGenerateContentResponse {
  const parts = encodeGeminiParts(ir.content, []);
  const candidate: GeminiCandidate = {};
  if (parts.length > 0 || ir.finishReason !== "content_filter") {
    candidate.content = { parts: parts.length > 0 ? parts : [{ text: "" }], role: "model" };
  }
  candidate.finishReason = encodeGeminiFinishReason(ir.finishReason);
  candidate.index = 0;
  return {
    candidates: [candidate],
    usageMetadata: encodeGeminiUsage(ir.usage),
    modelVersion: model,
    responseId: ir.id,
  };
}
