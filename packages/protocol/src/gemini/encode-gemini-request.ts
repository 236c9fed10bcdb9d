import type { IrChatRequest } from "../ir/chat-request.js";
import { encodeGeminiContents } from "./encode-gemini-contents.js";
import { encodeGeminiGenerationConfig } from "./encode-gemini-generation-config.js";
import { encodeGeminiTools } from "./encode-gemini-tools.js";
import { geminiModelGeneration } from "./gemini-model-generation.js";
import type { GeminiGenerateContentRequest } from "./gemini-wire-types.js";

/**
 * IR → a Gemini `generateContent` body for `upstreamModel` (the model itself goes in the URL path, and
 * streaming is the `:streamGenerateContent?alt=sse` method: neither is in the body). What Gemini cannot
 * express is dropped with a warning: the end-user id, `parallel_tool_calls: false`, redacted reasoning.
 * @see https://ai.google.dev/api/generate-content#method:-models.generatecontent
 *
 * @example
 * const { body, warnings } = encodeGeminiRequest(ir, "gemini-2.5-flash");
 */
export function encodeGeminiRequest(
  ir: IrChatRequest,
  upstreamModel: string,
): { body: GeminiGenerateContentRequest; warnings: string[] } {
  const warnings: string[] = [];
  const generation = geminiModelGeneration(upstreamModel);
  const signCalls = generation === undefined || generation >= 3;
  const body: GeminiGenerateContentRequest = {
    contents: encodeGeminiContents(ir.messages, signCalls, warnings),
  };
  if (ir.system !== undefined && ir.system.length > 0) {
    body.systemInstruction = { parts: ir.system.map((p) => ({ text: p.text })) };
  }
  Object.assign(body, encodeGeminiTools(ir, warnings));
  const generationConfig = encodeGeminiGenerationConfig(ir, upstreamModel, warnings);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  if (ir.user !== undefined) warnings.push("user is not supported by gemini; dropped");
  return { body, warnings };
}
