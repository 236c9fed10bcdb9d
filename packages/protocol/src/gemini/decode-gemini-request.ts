import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrTextPart } from "../ir/content.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { refuseUnmodeled } from "../refuse-unmodeled.js";
import { decodeGeminiContents } from "./decode-gemini-contents.js";
import { decodeGeminiGenerationConfig } from "./decode-gemini-generation-config.js";
import { decodeGeminiTools } from "./decode-gemini-tools.js";
import { geminiField } from "./gemini-field-reader.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";

function decodeSystem(raw: unknown): IrTextPart[] | undefined {
  const content = geminiField.optionalObject(raw, "systemInstruction");
  if (content === undefined) return undefined;
  const parts = geminiField.array(content.parts, "systemInstruction.parts");
  const texts = parts.map((p, i): IrTextPart => {
    const part = geminiField.object(p, `systemInstruction.parts[${i}]`);
    return { type: "text", text: geminiField.string(part.text, `systemInstruction.parts[${i}].text`) };
  });
  return texts.length > 0 ? texts : undefined;
}

/**
 * A Gemini `generateContent` / `streamGenerateContent` body → IR, leniently. The model comes from the URL
 * path (`/v1beta/models/{model}:generateContent`), streaming from the method name. Bad input throws
 * `invalid_request` naming the field (`contents[0].parts[1].text`). `safetySettings` is dropped with a
 * warning; valid features the IR cannot carry — `cachedContent`, Google's built-in tools (googleSearch,
 * codeExecution, urlContext, ...) and their parts, candidateCount > 1, speech/image/audio output, enum
 * output — are listed in `unmodeled` and left out of the request.
 * @see https://ai.google.dev/api/generate-content#method:-models.generatecontent
 *
 * @example
 * decodeGeminiRequestWithWarnings({ contents: [{ parts: [{ text: "Hi" }] }], tools: [{ googleSearch: {} }] },
 *   "gemini-2.5-flash", false).unmodeled;
 * // [{ param: "tools[0].googleSearch", reason: "is a Gemini built-in tool, which Gatehouse does not support" }]
 */
export function decodeGeminiRequestWithWarnings(
  body: unknown,
  model: string,
  stream: boolean,
): DecodedChatRequest {
  const warnings: string[] = [];
  const unmodeled: UnmodeledField[] = [];
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  if (b.cachedContent !== undefined && b.cachedContent !== null) {
    geminiField.string(b.cachedContent, "cachedContent");
    unmodeled.push({ param: "cachedContent", reason: "is not supported" });
  }
  if (b.safetySettings !== undefined && b.safetySettings !== null) {
    geminiField.array(b.safetySettings, "safetySettings");
    warnings.push("safetySettings is not supported when converting to another provider; dropped");
  }
  const ir: IrChatRequest = {
    model: stripGeminiModelPrefix(model),
    messages: decodeGeminiContents(b.contents, warnings, unmodeled),
    stream,
  };
  const system = decodeSystem(b.systemInstruction);
  if (system !== undefined) ir.system = system;
  Object.assign(ir, decodeGeminiTools(b.tools, b.toolConfig, unmodeled));
  Object.assign(ir, decodeGeminiGenerationConfig(b.generationConfig, warnings, unmodeled));
  return { request: ir, warnings, unmodeled };
}

/**
 * A Gemini `generateContent` body → IR, strictly: as {@link decodeGeminiRequestWithWarnings}, but the first
 * valid feature the IR cannot carry (cachedContent, a built-in tool, ...) is refused with
 * `unsupported_parameter`, as answering without it would silently change the answer. Warnings are pushed
 * to `warnings`.
 * @see https://ai.google.dev/api/generate-content#method:-models.generatecontent
 *
 * @example
 * decodeGeminiRequest({ contents: [{ role: "user", parts: [{ text: "Hi" }] }] }, "gemini-2.5-flash", false);
 */
export function decodeGeminiRequest(
  body: unknown,
  model: string,
  stream: boolean,
  warnings: string[] = [],
): IrChatRequest {
  const decoded = decodeGeminiRequestWithWarnings(body, model, stream);
  refuseUnmodeled(decoded.unmodeled, (f) => `${f.param} ${f.reason}`);
  warnings.push(...decoded.warnings);
  return decoded.request;
}
