import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrMessage, IrPart, IrTextPart, IrToolResultPart } from "../ir/content.js";
import { tryParseJson } from "../json/try-parse-json.js";
import type { OllamaMessage, OllamaToolCall } from "./ollama-chat-types.js";

const texts = (parts: IrPart[]) =>
  parts
    .filter((p): p is IrTextPart => p.type === "text")
    .map((p) => p.text)
    .join("\n");

/** Ollama takes raw base64 bytes only; a URL image must have been fetched (and made base64) by the caller. */
function images(parts: IrPart[], warnings: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p.type !== "image") continue;
    if (p.source.kind === "base64") out.push(p.source.data);
    else warnings.push("image URLs are not supported by ollama (fetch them into base64 first); dropped");
  }
  return out;
}

/**
 * Tool call arguments as the object Ollama wants; text that is not a JSON object (or nests deeper than
 * MAX_JSON_DEPTH) becomes {} with a warning.
 */
function argumentsObject(text: string, warnings: string[]): Record<string, unknown> {
  const value = tryParseJson(text === "" ? "{}" : text);
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  warnings.push("tool call arguments that are not a JSON object cannot be sent to ollama; sent as {}");
  return {};
}

function withImages(message: OllamaMessage, parts: IrPart[], warnings: string[]): OllamaMessage {
  const list = images(parts, warnings);
  if (list.length > 0) message.images = list;
  return message;
}

function encodeAssistant(message: IrMessage, warnings: string[]): OllamaMessage {
  const out: OllamaMessage = { role: "assistant", content: texts(message.content) };
  const thinking = message.content
    .filter((p) => p.type === "reasoning")
    .map((p) => p.text)
    .join("");
  if (thinking !== "") out.thinking = thinking;
  const calls: OllamaToolCall[] = [];
  for (const p of message.content) {
    if (p.type !== "tool_call") continue;
    calls.push({ id: p.id, function: { name: p.name, arguments: argumentsObject(p.arguments, warnings) } });
  }
  if (calls.length > 0) out.tool_calls = calls;
  return out;
}

function encodeToolResult(
  part: IrToolResultPart,
  names: Map<string, string>,
  warnings: string[],
): OllamaMessage {
  // Ollama matches a result to its call by tool name; the IR carries it, or the earlier call does.
  const out: OllamaMessage = { role: "tool", content: texts(part.content), tool_call_id: part.toolCallId };
  const name = part.name ?? names.get(part.toolCallId);
  if (name !== undefined) out.tool_name = name;
  return withImages(out, part.content, warnings);
}

/**
 * The IR system prompt and conversation → Ollama `messages`: one leading system message, text parts joined
 * by newlines, images as base64 `images`, reasoning as `thinking`, tool calls with object arguments, and
 * one tool message per result carrying `tool_name`.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-with-history-with-tools
 */
export function encodeOllamaMessages(
  ir: Pick<IrChatRequest, "system" | "messages">,
  warnings: string[],
): OllamaMessage[] {
  const out: OllamaMessage[] = [];
  if (ir.system !== undefined && ir.system.length > 0)
    out.push({ role: "system", content: texts(ir.system) });
  const names = new Map<string, string>();
  for (const message of ir.messages) {
    for (const p of message.content) if (p.type === "tool_call") names.set(p.id, p.name);
    const results = message.content.filter((p): p is IrToolResultPart => p.type === "tool_result");
    out.push(...results.map((p) => encodeToolResult(p, names, warnings)));
    if (message.role === "assistant") out.push(encodeAssistant(message, warnings));
    else if (message.role === "user" && results.length < message.content.length) {
      out.push(withImages({ role: "user", content: texts(message.content) }, message.content, warnings));
    }
  }
  return out;
}
