import { GatewayError, isGatewayError } from "../errors/gateway-error.js";
import type { IrPart, IrReasoningPart, IrTextPart, IrToolCallPart } from "../ir/content.js";
import type {
  GeminiCallContext,
  GeminiFunctionCallAssembler,
} from "./create-gemini-function-call-assembler.js";
import { decodeGeminiPart } from "./decode-gemini-part.js";
import { geminiField, isJsonObject } from "./gemini-field-reader.js";

/** The parts an IR answer holds. */
export type IrAnswerPart = IrTextPart | IrReasoningPart | IrToolCallPart;

const isAnswerPart = (p: IrPart): p is IrAnswerPart =>
  p.type === "text" || p.type === "reasoning" || p.type === "tool_call";

/**
 * One `Part` of an upstream candidate → IR answer parts. Function calls go through `calls` (a streamed
 * call completes over several parts); other parts are read as strictly as a client's, but a malformed
 * upstream part is the upstream's fault: `upstream_error` naming the part's path, not a 400. Parts an
 * answer cannot hold (generated images, parts of Google's built-in tools) are skipped.
 * @see https://ai.google.dev/api/caching#Part
 *
 * @example
 * decodeGeminiAnswerPart({ text: "Hi" }, { param: "candidates[0].content.parts[0]", callSeed: "r" }, calls);
 * // [{ type: "text", text: "Hi" }]
 */
export function decodeGeminiAnswerPart(
  raw: unknown,
  ctx: GeminiCallContext,
  calls: GeminiFunctionCallAssembler,
): IrAnswerPart[] {
  if (!isJsonObject(raw)) throw geminiField.upstream(ctx.param, "must be an object");
  if (raw.functionCall !== undefined && raw.thought !== true) return calls.push(raw, ctx);
  try {
    return decodeGeminiPart(raw, { ...ctx, unmodeled: [] }).filter(isAnswerPart);
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    throw new GatewayError("upstream_error", `Unexpected Gemini response: ${err.message}`, {
      provider: "gemini",
    });
  }
}
