import type { IrMessage, IrPart, IrReasoningPart, IrTextPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader, JsonObject } from "../openai/create-field-reader.js";
import { decodeResponsesContent, textPartsOnly } from "./decode-responses-content.js";

/** Item types valid in the Responses API that only OpenAI's hosted tools produce or consume. */
const HOSTED_ITEMS = [
  "web_search_call",
  "file_search_call",
  "computer_call",
  "computer_call_output",
  "code_interpreter_call",
  "image_generation_call",
  "local_shell_call",
  "local_shell_call_output",
  "shell_call",
  "shell_call_output",
  "apply_patch_call",
  "apply_patch_call_output",
  "mcp_list_tools",
  "mcp_approval_request",
  "mcp_approval_response",
  "mcp_call",
  "custom_tool_call",
  "custom_tool_call_output",
];

const ROLES = ["user", "assistant", "system", "developer"] as const;

/** The conversation being built, and the function calls still waiting for their output. */
interface InputState {
  system: IrTextPart[];
  messages: IrMessage[];
  /** call_id → the param of its function_call, until its function_call_output comes. */
  pending: Map<string, string>;
  answered: Set<string>;
  unmodeled: UnmodeledField[];
}

/** The assistant message the next assistant-side item joins (consecutive items make one turn). */
function assistantTurn(s: InputState): IrMessage {
  const last = s.messages.at(-1);
  if (last?.role === "assistant") return last;
  const turn: IrMessage = { role: "assistant", content: [] };
  s.messages.push(turn);
  return turn;
}

/** A function call must have its output before the conversation moves on (OpenAI's own rule). */
function requireOutputs(s: InputState, r: FieldReader): void {
  for (const [callId, at] of s.pending)
    r.fail(`has no function_call_output with call_id '${callId}' before the next message`, at);
}

function decodeMessage(item: JsonObject, at: string, r: FieldReader, s: InputState): void {
  const role = r.oneOf(item.role, `${at}.role`, ROLES);
  const parts = decodeResponsesContent(item.content, `${at}.content`, r, s.unmodeled);
  if (role === "system" || role === "developer") {
    s.system.push(...textPartsOnly(parts, `${at}.content`, r));
    return;
  }
  if (role === "assistant") {
    assistantTurn(s).content.push(...textPartsOnly(parts, `${at}.content`, r));
    return;
  }
  requireOutputs(s, r);
  if (parts.length === 0) r.fail("must not be empty", `${at}.content`);
  s.messages.push({ role: "user", content: parts });
}

function decodeFunctionCall(item: JsonObject, at: string, r: FieldReader, s: InputState): void {
  const callId = r.string(item.call_id, `${at}.call_id`);
  if (callId === "") r.fail("must not be empty", `${at}.call_id`);
  if (s.pending.has(callId) || s.answered.has(callId))
    r.fail(`repeats the call_id '${callId}' of an earlier function_call`, `${at}.call_id`);
  const name = r.string(item.name, `${at}.name`);
  const args = r.string(item.arguments, `${at}.arguments`);
  s.pending.set(callId, `${at}.call_id`);
  assistantTurn(s).content.push({ type: "tool_call", id: callId, name, arguments: args });
}

function decodeFunctionOutput(item: JsonObject, at: string, r: FieldReader, s: InputState): void {
  const callId = r.string(item.call_id, `${at}.call_id`);
  if (!s.pending.has(callId))
    r.fail(
      s.answered.has(callId)
        ? `answers the function call '${callId}' a second time`
        : `names no earlier function_call (call_id '${callId}')`,
      `${at}.call_id`,
    );
  s.pending.delete(callId);
  s.answered.add(callId);
  const content = decodeResponsesContent(item.output, `${at}.output`, r, s.unmodeled);
  const result: IrPart = { type: "tool_result", toolCallId: callId, content };
  const last = s.messages.at(-1);
  if (last?.role === "tool") last.content.push(result);
  else s.messages.push({ role: "tool", content: [result] });
}

/** A reasoning item passed back: its summary as the reasoning text, its encrypted content as the signature. */
function decodeReasoningItem(item: JsonObject, at: string, r: FieldReader, s: InputState): void {
  const summary = r.array(item.summary ?? [], `${at}.summary`).map((part, i) => {
    const p = r.object(part, `${at}.summary[${i}]`);
    return r.string(p.text, `${at}.summary[${i}].text`);
  });
  const part: IrReasoningPart = { type: "reasoning", text: summary.join("\n\n") };
  const encrypted = r.optional(item.encrypted_content, (v) => r.string(v, `${at}.encrypted_content`));
  if (encrypted !== undefined) part.signature = encrypted;
  assistantTurn(s).content.push(part);
}

// A Map, not an object literal: an item type like "constructor" must not find a prototype method.
const ITEM_DECODERS = new Map<string, (item: JsonObject, at: string, r: FieldReader, s: InputState) => void>([
  ["message", decodeMessage],
  ["function_call", decodeFunctionCall],
  ["function_call_output", decodeFunctionOutput],
  ["reasoning", decodeReasoningItem],
]);

function decodeItem(value: unknown, at: string, r: FieldReader, s: InputState): void {
  const item = r.object(value, at);
  const type = item.type ?? "message";
  const decode = typeof type === "string" ? ITEM_DECODERS.get(type) : undefined;
  if (decode !== undefined) {
    decode(item, at, r, s);
    return;
  }
  if (type === "item_reference")
    r.fail(
      "refers to a stored item: item references are not supported by the gateway (send the item itself, or use previous_response_id)",
      `${at}.type`,
    );
  if (type === "compaction") {
    // What /v1/responses/compact answered, encrypted for OpenAI's models: it goes natively or not at all.
    s.unmodeled.push({
      param: `${at}.type`,
      reason: "is a 'compaction' item (from /v1/responses/compact, encrypted for OpenAI's models)",
    });
    return;
  }
  if (typeof type === "string" && HOSTED_ITEMS.includes(type)) {
    s.unmodeled.push({
      param: `${at}.type`,
      reason: `is a '${type}' item, from a tool that only OpenAI hosts`,
    });
    return;
  }
  r.fail("must be one of 'message', 'function_call', 'function_call_output', 'reasoning'", `${at}.type`);
}

/**
 * The Responses API's `input` (a string, or a list of items) → IR system parts and messages.
 * Consecutive assistant-side items (assistant messages, reasoning, function calls) make one assistant
 * turn; consecutive function_call_output items one tool turn. Every output must answer an earlier call,
 * once, and every call must be answered before the next user message or the end of the input.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 *
 * @example
 * decodeResponsesInput("Hi", r, []); // { system: [], messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }] }
 */
export function decodeResponsesInput(
  input: unknown,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): { system: IrTextPart[]; messages: IrMessage[] } {
  const s: InputState = { system: [], messages: [], pending: new Map(), answered: new Set(), unmodeled };
  if (typeof input === "string") {
    if (input === "") r.fail("must not be empty", "input");
    return { system: [], messages: [{ role: "user", content: [{ type: "text", text: input }] }] };
  }
  const items = r.array(input, "input");
  if (items.length === 0) r.fail("must not be empty", "input");
  for (const [i, item] of items.entries()) decodeItem(item, `input[${i}]`, r, s);
  requireOutputs(s, r);
  if (s.messages.length === 0)
    r.fail("must hold at least one message besides system and developer ones", "input");
  return { system: s.system, messages: s.messages };
}
