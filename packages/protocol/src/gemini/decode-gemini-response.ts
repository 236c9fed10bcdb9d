import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatResponse } from "../ir/chat-response.js";
import { decodeGeminiCandidate } from "./decode-gemini-candidate.js";
import { decodeGeminiFinishReason } from "./decode-gemini-finish-reason.js";
import { decodeGeminiUsage } from "./decode-gemini-usage.js";
import { isJsonObject } from "./gemini-field-reader.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

/** Unix seconds of Vertex's `createTime`, else now. */
function createdAt(createTime: unknown, now: () => number): number {
  const ms = typeof createTime === "string" ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(ms) ? now() : ms) / 1000);
}

/**
 * A Gemini `GenerateContentResponse` (non-stream) → IR. Only the first candidate is read (Gatehouse never
 * asks for more). A prompt blocked before generation (`promptFeedback.blockReason`, no candidates) is an
 * empty answer finished by `content_filter`. Function calls without ids get stable synthesized ones.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function decodeGeminiResponse(body: unknown, now: () => number = Date.now): IrChatResponse {
  if (!isJsonObject(body))
    throw new GatewayError("upstream_error", "Unexpected Gemini response: not a JSON object");
  const candidate = Array.isArray(body.candidates) ? body.candidates[0] : undefined;
  const responseId = typeof body.responseId === "string" ? body.responseId : undefined;
  const content = decodeGeminiCandidate(candidate, "candidates[0]", responseId ?? "response");
  const blocked = isJsonObject(body.promptFeedback) && typeof body.promptFeedback.blockReason === "string";
  const rawReason =
    isJsonObject(candidate) && typeof candidate.finishReason === "string"
      ? candidate.finishReason
      : undefined;
  const hasToolCalls = content.some((p) => p.type === "tool_call");
  const finishReason =
    candidate === undefined && blocked ? "content_filter" : decodeGeminiFinishReason(rawReason, hasToolCalls);
  return {
    id: responseId ?? synthesizeGeminiId("gemini", JSON.stringify(body)),
    model: typeof body.modelVersion === "string" ? stripGeminiModelPrefix(body.modelVersion) : "",
    created: createdAt(body.createTime, now),
    content,
    finishReason,
    usage: decodeGeminiUsage(body.usageMetadata),
  };
}
