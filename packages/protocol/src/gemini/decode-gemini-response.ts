import type { IrChatResponse } from "../ir/chat-response.js";
import { decodeGeminiCandidate } from "./decode-gemini-candidate.js";
import { decodeGeminiFinishReason } from "./decode-gemini-finish-reason.js";
import { decodeGeminiUsage } from "./decode-gemini-usage.js";
import { geminiField, isJsonObject } from "./gemini-field-reader.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

/** Unix seconds of Vertex's `createTime`, else now. */
function createdAt(createTime: unknown, now: () => number): number {
  const ms = typeof createTime === "string" ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(ms) ? now() : ms) / 1000);
}

/** An optional string field of the answer; any other type is the upstream's error. */
function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw geminiField.upstream(param, "must be a string");
  return value;
}

/**
 * A Gemini `GenerateContentResponse` (non-stream) → IR. Only the first candidate is read (Gatehouse never
 * asks for more). A prompt blocked before generation (`promptFeedback.blockReason`, no candidates) is an
 * empty answer finished by `content_filter`. Function calls without ids get stable synthesized ones. A body
 * that breaks the format throws `upstream_error` naming the field
 * (`candidates[0].content.parts[2].functionCall.args must be an object`), never anything else.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 *
 * @example
 * decodeGeminiResponse({ candidates: [{ content: { parts: [{ text: "Hi" }] }, finishReason: "STOP" }] }).content;
 * // [{ type: "text", text: "Hi" }]
 */
export function decodeGeminiResponse(body: unknown, now: () => number = Date.now): IrChatResponse {
  if (!isJsonObject(body)) throw geminiField.upstream("body", "must be a JSON object");
  if (body.candidates !== undefined && body.candidates !== null && !Array.isArray(body.candidates))
    throw geminiField.upstream("candidates", "must be an array");
  const candidate: unknown = Array.isArray(body.candidates) ? body.candidates[0] : undefined;
  const responseId = optionalString(body.responseId, "responseId");
  const content = decodeGeminiCandidate(candidate, "candidates[0]", responseId ?? "response");
  const blocked = isJsonObject(body.promptFeedback) && typeof body.promptFeedback.blockReason === "string";
  const rawReason = isJsonObject(candidate)
    ? optionalString(candidate.finishReason, "candidates[0].finishReason")
    : undefined;
  const hasToolCalls = content.some((p) => p.type === "tool_call");
  const finishReason =
    candidate === undefined && blocked ? "content_filter" : decodeGeminiFinishReason(rawReason, hasToolCalls);
  const modelVersion = optionalString(body.modelVersion, "modelVersion");
  const usage = decodeGeminiUsage(body.usageMetadata);
  // Seeded from what was decoded (flat: arguments are text), never from the raw body, whose depth is the upstream's.
  const createTime = typeof body.createTime === "string" ? body.createTime : null;
  const seed = JSON.stringify([content, usage, modelVersion ?? null, createTime, rawReason ?? null]);
  return {
    id: responseId ?? synthesizeGeminiId("gemini", seed),
    model: modelVersion === undefined ? "" : stripGeminiModelPrefix(modelVersion),
    created: createdAt(body.createTime, now),
    content,
    finishReason,
    usage,
  };
}
