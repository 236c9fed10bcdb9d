import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrTextPart } from "../ir/content.js";
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
 * A Gemini `generateContent` / `streamGenerateContent` body → IR. The model comes from the URL path
 * (`/v1beta/models/{model}:generateContent`), streaming from the method name.
 * Settings the IR cannot carry: `safetySettings` is dropped with a warning (pushed to `warnings`);
 * `cachedContent` and Google's built-in tools (googleSearch, codeExecution, ...) are refused with
 * `unsupported_parameter`, as answering without them would silently change the answer.
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
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  if (b.cachedContent !== undefined && b.cachedContent !== null) {
    throw geminiField.unsupported("cachedContent", "is not supported");
  }
  if (b.safetySettings !== undefined && b.safetySettings !== null) {
    geminiField.array(b.safetySettings, "safetySettings");
    warnings.push("safetySettings is not supported when converting to another provider; dropped");
  }
  const ir: IrChatRequest = {
    model: stripGeminiModelPrefix(model),
    messages: decodeGeminiContents(b.contents, warnings),
    stream,
  };
  const system = decodeSystem(b.systemInstruction);
  if (system !== undefined) ir.system = system;
  Object.assign(ir, decodeGeminiTools(b.tools, b.toolConfig));
  Object.assign(ir, decodeGeminiGenerationConfig(b.generationConfig, warnings));
  return ir;
}
