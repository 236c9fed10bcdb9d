import type { IrChatRequest } from "../ir/chat-request.js";
import type { IrImagePart, IrMessage, IrPart, IrTextPart, IrToolResultPart } from "../ir/content.js";
import type {
  OpenAIContentPart,
  OpenAIMessage,
  OpenAITextPart,
  OpenAIToolCall,
} from "./openai-chat-types.js";

/** Options of {@link encodeOpenAIMessages}. */
export interface EncodeOpenAIMessagesOptions {
  /** Send earlier turns' reasoning as `reasoning_content` (DeepSeek-style vendors want it back in tool loops). */
  sendReasoningContent?: boolean;
}

/** An IR image as an `image_url` part: inline bytes become a base64 `data:` URL. */
export function encodeOpenAIImage(part: IrImagePart): OpenAIContentPart {
  const url =
    part.source.kind === "url" ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: "image_url", image_url: part.detail === undefined ? { url } : { url, detail: part.detail } };
}

function textContent(parts: IrTextPart[]): string | OpenAITextPart[] {
  if (parts.length === 0) return "";
  if (parts.length === 1) return parts[0]!.text;
  return parts.map((p) => ({ type: "text", text: p.text }));
}

function encodeToolResult(part: IrToolResultPart, warnings: string[]): OpenAIMessage {
  // Tool messages carry text only; an is_error flag has no OpenAI field, the text itself must say so.
  const texts = part.content.filter((p): p is IrTextPart => p.type === "text");
  if (texts.length < part.content.length)
    warnings.push("images in tool results are not supported by openai; dropped");
  return { role: "tool", tool_call_id: part.toolCallId, content: textContent(texts) };
}

function dropped(part: IrPart, role: string, warnings: string[]): void {
  warnings.push(`${part.type} parts in ${role} messages are not supported by openai; dropped`);
}

function encodeUser(message: IrMessage, warnings: string[]): OpenAIMessage[] {
  const out: OpenAIMessage[] = [];
  const parts: OpenAIContentPart[] = [];
  for (const part of message.content) {
    if (part.type === "text") parts.push({ type: "text", text: part.text });
    else if (part.type === "image") parts.push(encodeOpenAIImage(part));
    else if (part.type === "tool_result") out.push(encodeToolResult(part, warnings));
    else dropped(part, "user", warnings);
  }
  if (parts.length === 0) return out;
  const content = parts.length === 1 && parts[0]!.type === "text" ? parts[0]!.text : parts;
  out.push({ role: "user", content, ...(message.name === undefined ? {} : { name: message.name }) });
  return out;
}

function encodeAssistant(
  message: IrMessage,
  options: EncodeOpenAIMessagesOptions,
  warnings: string[],
): OpenAIMessage {
  let text = "";
  let reasoning = "";
  const calls: OpenAIToolCall[] = [];
  for (const part of message.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "reasoning") reasoning += part.text;
    else if (part.type === "tool_call") {
      calls.push({ id: part.id, type: "function", function: { name: part.name, arguments: part.arguments } });
    } else dropped(part, "assistant", warnings);
  }
  const out: OpenAIMessage = { role: "assistant", content: text === "" && calls.length > 0 ? null : text };
  if (message.name !== undefined) out.name = message.name;
  if (calls.length > 0) out.tool_calls = calls;
  if (options.sendReasoningContent && reasoning !== "") out.reasoning_content = reasoning;
  return out;
}

function encodeTool(message: IrMessage, warnings: string[]): OpenAIMessage[] {
  const out: OpenAIMessage[] = [];
  for (const part of message.content) {
    if (part.type === "tool_result") out.push(encodeToolResult(part, warnings));
    else dropped(part, "tool", warnings);
  }
  return out;
}

/**
 * The IR system prompt and conversation → OpenAI `messages`. The system prompt becomes one leading system
 * message; each tool result becomes its own tool message. Reasoning of earlier turns is not sent unless
 * asked (OpenAI has no field for it, and its signatures cannot travel in this format at all).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function encodeOpenAIMessages(
  ir: Pick<IrChatRequest, "system" | "messages">,
  options: EncodeOpenAIMessagesOptions,
  warnings: string[],
): OpenAIMessage[] {
  const out: OpenAIMessage[] = [];
  if (ir.system !== undefined && ir.system.length > 0)
    out.push({ role: "system", content: textContent(ir.system) });
  for (const message of ir.messages) {
    if (message.role === "user") out.push(...encodeUser(message, warnings));
    else if (message.role === "assistant") out.push(encodeAssistant(message, options, warnings));
    else out.push(...encodeTool(message, warnings));
  }
  return out;
}
