import type { IrMessage, IrPart, IrTextPart, IrToolCallPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader, JsonObject } from "./create-field-reader.js";
import { decodeOpenAITextContent, decodeOpenAIUserContent } from "./decode-openai-content.js";

/** The conversation of a Chat Completions request in IR terms. */
export interface DecodedOpenAIMessages {
  system: IrTextPart[];
  messages: IrMessage[];
}

const LEGACY_FUNCTIONS =
  "is the legacy function-calling format, which is not supported by the gateway: use 'tools' and 'tool_calls'";

/** One assistant tool call; a custom tool's call has no IR form and is listed as unmodeled. */
function decodeToolCall(
  value: unknown,
  param: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): IrToolCallPart[] {
  const call = r.object(value, param);
  if (call.type === "custom") {
    const custom = r.object(call.custom, `${param}.custom`);
    r.string(custom.name, `${param}.custom.name`);
    unmodeled.push({
      param: `${param}.type`,
      reason: "is 'custom': custom tools are not supported by the gateway",
    });
    return [];
  }
  if (call.type !== "function") r.fail("must be 'function' or 'custom'", `${param}.type`);
  const fn = r.object(call.function, `${param}.function`);
  return [
    {
      type: "tool_call",
      id: r.string(call.id, `${param}.id`),
      name: r.string(fn.name, `${param}.function.name`),
      arguments: r.string(fn.arguments, `${param}.function.arguments`),
    },
  ];
}

/** Assistant content: a string, or text and refusal parts. A refusal is kept as text (the IR has no refusal part). */
function decodeAssistantText(content: unknown, param: string, r: FieldReader): IrTextPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return r.array(content, param).map((value, i) => {
    const part = r.object(value, `${param}[${i}]`);
    if (part.type === "refusal")
      return { type: "text", text: r.string(part.refusal, `${param}[${i}].refusal`) };
    if (part.type !== "text") r.fail("must be one of 'text', 'refusal'", `${param}[${i}].type`);
    return { type: "text", text: r.string(part.text, `${param}[${i}].text`) };
  });
}

/** The legacy `function_call` and a reference to an earlier audio answer: valid, but with no IR form. */
function noteAssistantExtras(
  m: JsonObject,
  param: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): void {
  if (m.function_call != null) {
    r.object(m.function_call, `${param}.function_call`);
    unmodeled.push({ param: `${param}.function_call`, reason: LEGACY_FUNCTIONS });
  }
  if (m.audio != null) {
    r.object(m.audio, `${param}.audio`);
    unmodeled.push({
      param: `${param}.audio`,
      reason: "refers to an audio answer, which the gateway does not support",
    });
  }
}

function decodeAssistant(
  m: JsonObject,
  param: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): IrMessage {
  noteAssistantExtras(m, param, r, unmodeled);
  const content: IrPart[] = [];
  // reasoning_content is DeepSeek's name for an earlier turn's reasoning; some servers (vLLM) say `reasoning`.
  const reasoning = r.optional(m.reasoning_content ?? m.reasoning, (v) =>
    r.string(v, `${param}.reasoning_content`),
  );
  if (reasoning) content.push({ type: "reasoning", text: reasoning });
  content.push(...(r.optional(m.content, (v) => decodeAssistantText(v, `${param}.content`, r)) ?? []));
  const refusal = r.optional(m.refusal, (v) => r.string(v, `${param}.refusal`));
  if (refusal) content.push({ type: "text", text: refusal });
  const calls = r.optional(m.tool_calls, (v) => r.array(v, `${param}.tool_calls`)) ?? [];
  content.push(...calls.flatMap((c, i) => decodeToolCall(c, `${param}.tool_calls[${i}]`, r, unmodeled)));
  return withName({ role: "assistant", content }, m, param, r);
}

function withName(message: IrMessage, m: JsonObject, param: string, r: FieldReader): IrMessage {
  const name = r.optional(m.name, (v) => r.string(v, `${param}.name`));
  if (name !== undefined) message.name = name;
  return message;
}

function decodeToolMessage(
  m: JsonObject,
  param: string,
  r: FieldReader,
  toolNames: Map<string, string>,
): IrMessage {
  const toolCallId = r.string(m.tool_call_id, `${param}.tool_call_id`);
  const content = decodeOpenAITextContent(m.content, `${param}.content`, r);
  const name = toolNames.get(toolCallId);
  return {
    role: "tool",
    content: [{ type: "tool_result", toolCallId, content, ...(name === undefined ? {} : { name }) }],
  };
}

/**
 * OpenAI `messages` → IR. System and developer messages (anywhere in the list) become the IR system
 * prompt, in order; tool messages become IR tool messages whose result names the tool, looked up from
 * the assistant call with the same id (Gemini needs the name). Valid features with no IR form — the legacy
 * `function` role and `function_call`, audio and file parts, custom tool calls — are listed in `unmodeled`
 * and left out.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeOpenAIMessages(
  value: unknown,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): DecodedOpenAIMessages {
  const list = r.array(value, "messages");
  if (list.length === 0) r.fail("must contain at least one message", "messages");
  const out: DecodedOpenAIMessages = { system: [], messages: [] };
  const toolNames = new Map<string, string>();
  list.forEach((item, i) => {
    const param = `messages[${i}]`;
    const m = r.object(item, param);
    const role = r.oneOf(m.role, `${param}.role`, [
      "system",
      "developer",
      "user",
      "assistant",
      "tool",
      "function",
    ]);
    if (role === "system" || role === "developer") {
      out.system.push(...decodeOpenAITextContent(m.content, `${param}.content`, r));
    } else if (role === "user") {
      const content = decodeOpenAIUserContent(m.content, `${param}.content`, r, unmodeled);
      out.messages.push(withName({ role, content }, m, param, r));
    } else if (role === "assistant") {
      const message = decodeAssistant(m, param, r, unmodeled);
      for (const p of message.content) if (p.type === "tool_call") toolNames.set(p.id, p.name);
      out.messages.push(message);
    } else if (role === "tool") {
      out.messages.push(decodeToolMessage(m, param, r, toolNames));
    } else {
      r.string(m.name, `${param}.name`);
      unmodeled.push({ param: `${param}.role`, reason: LEGACY_FUNCTIONS });
    }
  });
  return out;
}
