import { estimatePromptTokens } from "./fake-reply.js";
import type { FakeReplyInput } from "./plan-fake-reply.js";

/**
 * Extracts from a chat completion request what decides the fake's reply: message texts (string contents
 * and the `text` of content parts, every role), the last user text, the declared function names and
 * the output cap (`max_completion_tokens`, else the legacy `max_tokens`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 *
 * @example
 * openAIReplyInput({ model: "m", messages: [{ role: "user", content: "Hi" }] }, 5).lastUserText; // "Hi"
 */
export function openAIReplyInput(body: Record<string, unknown>, chunks: number): FakeReplyInput {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  const tools = Array.isArray(body["tools"]) ? (body["tools"] as unknown[]) : [];
  return {
    provider: "openai",
    promptTexts: messages.flatMap(messageTexts),
    lastUserText: lastUserText(messages),
    toolNames: tools.map(toolName),
    chunks,
    maxTokens: body["max_completion_tokens"] ?? body["max_tokens"],
    thinking: false,
  };
}

/**
 * The prompt_tokens the fake reports: ceil(characters of all message texts / 4), at least 1.
 *
 * @example
 * openAIPromptTokens({ messages: [{ role: "user", content: "Hello world!" }] }); // 3
 */
export function openAIPromptTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  return estimatePromptTokens(messages.flatMap(messageTexts));
}

function messageTexts(message: unknown): string[] {
  if (typeof message !== "object" || message === null) return [];
  const content = (message as Record<string, unknown>)["content"];
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown) => {
    const text =
      typeof part === "object" && part !== null ? (part as Record<string, unknown>)["text"] : undefined;
    return typeof text === "string" ? [text] : [];
  });
}

/**
 * The last user message's text; "" when the conversation ends with a tool result, so the fake answers a
 * result with text (as a model does) instead of calling the tool again forever.
 */
function lastUserText(messages: unknown[]): string {
  if ((messages.at(-1) as Record<string, unknown> | null | undefined)?.["role"] === "tool") return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown> | null;
    if (m?.["role"] === "user") return messageTexts(m).join(" ");
  }
  return "";
}

function toolName(tool: unknown): string {
  const t = (tool ?? {}) as Record<string, unknown>;
  const fn = (t["function"] ?? {}) as Record<string, unknown>;
  const name = fn["name"] ?? t["name"];
  return typeof name === "string" ? name : "tool";
}
