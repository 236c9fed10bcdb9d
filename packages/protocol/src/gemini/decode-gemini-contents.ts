import type { IrMessage, IrPart, IrToolResultPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeGeminiPart } from "./decode-gemini-part.js";
import { geminiField } from "./gemini-field-reader.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

interface PendingCall {
  id: string;
  name: string;
}

/**
 * Gives every function response an id: its own, else the id of the earliest unanswered call of the same
 * name in the previous model turn (Gemini matches responses to calls by name and order when ids are absent).
 */
function resolveResultId(result: IrToolResultPart, pending: PendingCall[], seed: string): void {
  const at =
    result.toolCallId === ""
      ? pending.findIndex((c) => c.name === result.name)
      : pending.findIndex((c) => c.id === result.toolCallId);
  const match = at === -1 ? undefined : pending.splice(at, 1)[0];
  if (result.toolCallId === "") result.toolCallId = match?.id ?? synthesizeGeminiId("call", seed);
}

/** Splits a user turn into IR messages: runs of function responses become `tool` messages, the rest `user`. */
function splitUserTurn(parts: IrPart[]): IrMessage[] {
  const messages: IrMessage[] = [];
  for (const part of parts) {
    const role = part.type === "tool_result" ? "tool" : "user";
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(part);
    else messages.push({ role, content: [part] });
  }
  return messages;
}

function decodeTurnParts(
  rawParts: unknown,
  param: string,
  role: "user" | "model",
  notes: { warnings: string[]; unmodeled: UnmodeledField[] },
): IrPart[] {
  const { warnings, unmodeled } = notes;
  const list = geminiField.array(rawParts, `${param}.parts`);
  if (list.length === 0) throw geminiField.invalid(`${param}.parts`, "must not be empty");
  const out: IrPart[] = [];
  list.forEach((raw, i) => {
    const at = `${param}.parts[${i}]`;
    for (const part of decodeGeminiPart(raw, { param: at, callSeed: "request", unmodeled })) {
      if (role === "model" && part.type === "tool_result") {
        throw geminiField.invalid(`${at}.functionResponse`, "is only valid in a user turn");
      }
      if (role === "user" && part.type === "tool_call") {
        throw geminiField.invalid(`${at}.functionCall`, "is only valid in a model turn");
      }
      if (role === "user" && part.type === "reasoning") {
        warnings.push(`${at}: a thought part in a user turn is not supported; dropped`);
        continue;
      }
      out.push(part);
    }
  });
  return out;
}

/**
 * Gemini `contents` → IR messages. `model` turns become assistant messages; `user` turns (and the legacy
 * `function` role) become user messages, with function responses split out into `tool` messages. Function
 * responses without an id get the id of the call they answer, matched by name in order. Parts of Google's
 * built-in tools are listed in `unmodeled` and left out.
 * @see https://ai.google.dev/api/generate-content#request-body
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function decodeGeminiContents(
  raw: unknown,
  warnings: string[],
  unmodeled: UnmodeledField[],
): IrMessage[] {
  const contents = geminiField.array(raw, "contents");
  if (contents.length === 0) throw geminiField.invalid("contents", "must not be empty");
  const messages: IrMessage[] = [];
  let pending: PendingCall[] = [];
  contents.forEach((rawContent, i) => {
    const param = `contents[${i}]`;
    const content = geminiField.object(rawContent, param);
    const role = geminiField.optionalString(content.role, `${param}.role`) ?? "user";
    if (role !== "user" && role !== "model" && role !== "function") {
      throw geminiField.invalid(`${param}.role`, 'must be "user" or "model"');
    }
    const turn = role === "model" ? "model" : "user";
    const parts = decodeTurnParts(content.parts, param, turn, { warnings, unmodeled });
    if (role === "model") {
      messages.push({ role: "assistant", content: parts });
      pending = parts.flatMap((p) => (p.type === "tool_call" ? [{ id: p.id, name: p.name }] : []));
      return;
    }
    parts.forEach((p, j) => {
      if (p.type === "tool_result") resolveResultId(p, pending, `request/${param}/${j}/${p.name ?? ""}`);
    });
    messages.push(...splitUserTurn(parts));
  });
  return messages;
}
