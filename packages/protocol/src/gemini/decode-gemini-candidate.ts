import { createGeminiFunctionCallAssembler } from "./create-gemini-function-call-assembler.js";
import { decodeGeminiAnswerPart, type IrAnswerPart } from "./decode-gemini-answer-part.js";
import { geminiField, isJsonObject } from "./gemini-field-reader.js";

/**
 * The raw parts of an upstream candidate at `param`: none for a candidate without content (blocked, or
 * cut at once); a candidate, content or parts list of the wrong type is an `upstream_error` naming its path.
 * @see https://ai.google.dev/api/generate-content#candidate
 *
 * @example
 * readGeminiCandidateParts({ content: { parts: [{ text: "Hi" }] } }, "candidates[0]"); // [{ text: "Hi" }]
 */
export function readGeminiCandidateParts(candidate: unknown, param: string): unknown[] {
  if (candidate === undefined) return [];
  if (!isJsonObject(candidate)) throw geminiField.upstream(param, "must be an object");
  const content = candidate.content;
  if (content === undefined || content === null) return [];
  if (!isJsonObject(content)) throw geminiField.upstream(`${param}.content`, "must be an object");
  const parts = content.parts;
  if (parts === undefined || parts === null) return [];
  if (!Array.isArray(parts)) throw geminiField.upstream(`${param}.content.parts`, "must be an array");
  return parts;
}

/**
 * An upstream candidate (at `param`) → IR answer parts (see readGeminiCandidateParts and
 * decodeGeminiAnswerPart). Function calls without ids get stable ids made from `callSeed` and where they sit.
 * @see https://ai.google.dev/api/generate-content#candidate
 *
 * @example
 * decodeGeminiCandidate({ content: { parts: [{ text: "Hi" }] } }, "candidates[0]", "resp-1");
 * // [{ type: "text", text: "Hi" }]
 */
export function decodeGeminiCandidate(candidate: unknown, param: string, callSeed: string): IrAnswerPart[] {
  const calls = createGeminiFunctionCallAssembler();
  const out = readGeminiCandidateParts(candidate, param).flatMap((raw, i) =>
    decodeGeminiAnswerPart(raw, { param: `${param}.content.parts[${i}]`, callSeed }, calls),
  );
  return [...out, ...calls.flush()];
}
