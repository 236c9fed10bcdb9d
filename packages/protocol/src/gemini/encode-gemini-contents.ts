import { GatewayError } from "../errors/gateway-error.js";
import type { IrMessage, IrPart, IrToolResultPart } from "../ir/content.js";
import { tryParseJson } from "../json/try-parse-json.js";
import { encodeGeminiImage, encodeGeminiParts } from "./encode-gemini-parts.js";
import type { GeminiContent, GeminiPart } from "./gemini-wire-types.js";

/**
 * Google's documented placeholder signature for function calls Gemini did not produce itself (history from
 * another model or a client that cannot keep signatures): Gemini 3 refuses unsigned calls otherwise.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const GEMINI_SKIP_SIGNATURE = "skip_thought_signature_validator";

/** A tool result's JSON value, or its text when it is not JSON (or nests deeper than MAX_JSON_DEPTH). */
function parseJsonOrText(text: string): unknown {
  return tryParseJson(text) ?? text;
}

/**
 * An IR tool result → a `functionResponse` (result under `output`, failure under `error`, as Gemini
 * recommends) followed by its images as sibling parts. Gemini needs the function's name: the result's own,
 * else the name of the call with the same id earlier in the conversation.
 */
function encodeToolResult(result: IrToolResultPart, names: Map<string, string>): GeminiPart[] {
  const name = result.name ?? names.get(result.toolCallId);
  if (name === undefined) {
    throw new GatewayError(
      "invalid_request",
      `Tool result ${result.toolCallId} answers no tool call in the conversation`,
      {
        param: "messages",
      },
    );
  }
  const text = result.content.flatMap((c) => (c.type === "text" ? [c.text] : [])).join("");
  const value = parseJsonOrText(text);
  const response = result.isError ? { error: value } : { output: value };
  const images = result.content.flatMap((c) => (c.type === "image" ? [encodeGeminiImage(c)] : []));
  return [{ functionResponse: { id: result.toolCallId, name, response } }, ...images];
}

function signFirstCall(parts: GeminiPart[]): void {
  const first = parts.find((p) => p.functionCall !== undefined);
  if (first !== undefined && first.thoughtSignature === undefined)
    first.thoughtSignature = GEMINI_SKIP_SIGNATURE;
}

/**
 * IR messages → Gemini `contents`. Assistant turns are `model`; user and tool turns are `user`, and
 * consecutive turns of the same role are merged (tool results and the user's next words share one turn).
 * With `signCalls` (Gemini 3 and later), a model turn whose first function call has no signature gets
 * Google's placeholder so the history still validates.
 * @see https://ai.google.dev/api/generate-content#request-body
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function encodeGeminiContents(
  messages: IrMessage[],
  signCalls: boolean,
  warnings: string[],
): GeminiContent[] {
  const contents: GeminiContent[] = [];
  const names = new Map<string, string>();
  for (const message of messages) {
    const role = message.role === "assistant" ? "model" : "user";
    const parts: GeminiPart[] = [];
    let run: IrPart[] = [];
    for (const part of message.content) {
      if (part.type === "tool_call") names.set(part.id, part.name);
      if (part.type !== "tool_result") {
        run.push(part);
        continue;
      }
      parts.push(...encodeGeminiParts(run, warnings), ...encodeToolResult(part, names));
      run = [];
    }
    parts.push(...encodeGeminiParts(run, warnings));
    if (role === "model" && signCalls) signFirstCall(parts);
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else if (parts.length > 0) contents.push({ role, parts });
  }
  return contents;
}
