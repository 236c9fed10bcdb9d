import type { IrImagePart, IrPart, IrReasoningPart, IrToolCallPart } from "../ir/content.js";
import { tryParseJson } from "../json/try-parse-json.js";
import { isJsonObject } from "./gemini-field-reader.js";
import type { GeminiPart } from "./gemini-wire-types.js";

const EXTENSION_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
};

function guessMimeType(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return EXTENSION_TYPES[ext] ?? "image/jpeg";
}

/**
 * An IR image → `inlineData` (base64, and `data:` URLs) or `fileData` (other URLs, which Gemini fetches
 * itself; the MIME type is guessed from the extension since the IR does not carry one for URLs).
 * @see https://ai.google.dev/api/caching#Part
 */
export function encodeGeminiImage(image: IrImagePart): GeminiPart {
  const src = image.source;
  if (src.kind === "base64") return { inlineData: { mimeType: src.mediaType, data: src.data } };
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(src.url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl[1]!, data: dataUrl[2]! } };
  return { fileData: { mimeType: guessMimeType(src.url), fileUri: src.url } };
}

/**
 * A tool call's JSON arguments as Gemini's `args` object; `undefined` for anything that is not a JSON
 * object, JSON nested deeper than MAX_JSON_DEPTH included (it could not be serialized again safely).
 */
export function parseGeminiArgs(json: string): Record<string, unknown> | undefined {
  if (json.trim() === "") return {};
  const value = tryParseJson(json);
  return isJsonObject(value) ? value : undefined;
}

function encodeToolCall(call: IrToolCallPart, warnings: string[]): GeminiPart {
  let args = parseGeminiArgs(call.arguments);
  if (args === undefined) {
    warnings.push(`arguments of tool call ${call.id} are not a JSON object; sent as {}`);
    args = {};
  }
  const part: GeminiPart = { functionCall: { id: call.id, name: call.name, args } };
  if (call.signature !== undefined) part.thoughtSignature = call.signature;
  return part;
}

function encodeReasoning(
  r: IrReasoningPart,
  next: IrPart | undefined,
  warnings: string[],
): GeminiPart | "carry" | undefined {
  if (r.redactedData !== undefined) {
    warnings.push("redacted reasoning is not supported by gemini; dropped");
    return undefined;
  }
  if (r.text !== "") {
    const part: GeminiPart = { text: r.text, thought: true };
    if (r.signature !== undefined) part.thoughtSignature = r.signature;
    return part;
  }
  if (r.signature === undefined) return undefined;
  // An empty reasoning part with a signature is how the decoder carries a signature that sat on a text part.
  return next?.type === "text" ? "carry" : { text: "", thoughtSignature: r.signature };
}

/**
 * The parts of one IR message → Gemini parts (tool results excepted: they need the call's name, see
 * encodeGeminiContents). Reasoning becomes `thought` parts; an empty reasoning part that only carries a
 * signature puts it back on the following text part, as Gemini sent it.
 * @see https://ai.google.dev/api/caching#Part
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export function encodeGeminiParts(parts: IrPart[], warnings: string[]): GeminiPart[] {
  const out: GeminiPart[] = [];
  let carried: string | undefined;
  parts.forEach((part, i) => {
    if (part.type === "text") {
      out.push(carried === undefined ? { text: part.text } : { text: part.text, thoughtSignature: carried });
      carried = undefined;
    } else if (part.type === "image") out.push(encodeGeminiImage(part));
    else if (part.type === "tool_call") out.push(encodeToolCall(part, warnings));
    else if (part.type === "reasoning") {
      const encoded = encodeReasoning(part, parts[i + 1], warnings);
      if (encoded === "carry") carried = part.signature;
      else if (encoded !== undefined) out.push(encoded);
    }
  });
  return out;
}
