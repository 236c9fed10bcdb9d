import { GatewayError, isGatewayError } from "../errors/gateway-error.js";
import type { IrReasoningPart, IrTextPart, IrToolCallPart } from "../ir/content.js";
import { decodeGeminiPart } from "./decode-gemini-part.js";
import { isJsonObject } from "./gemini-field-reader.js";

export type IrAnswerPart = IrTextPart | IrReasoningPart | IrToolCallPart;

/**
 * The parts of an upstream candidate's `content` → IR answer parts. The parts are checked as strictly as a
 * client's, but a malformed upstream answer is the upstream's fault: `upstream_error`, not a 400.
 * Parts an IR answer cannot hold (generated images) are skipped.
 * @see https://ai.google.dev/api/generate-content#candidate
 */
export function decodeGeminiCandidate(candidate: unknown, param: string, callSeed: string): IrAnswerPart[] {
  if (!isJsonObject(candidate) || !isJsonObject(candidate.content)) return [];
  const parts = candidate.content.parts;
  if (!Array.isArray(parts)) return [];
  try {
    return parts.flatMap((raw, i) =>
      decodeGeminiPart(raw, { param: `${param}.content.parts[${i}]`, callSeed }).filter(
        (p): p is IrAnswerPart => p.type === "text" || p.type === "reasoning" || p.type === "tool_call",
      ),
    );
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    throw new GatewayError("upstream_error", `Unexpected Gemini response: ${err.message}`, {
      provider: "gemini",
    });
  }
}
