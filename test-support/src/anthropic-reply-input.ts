import { arrayField } from "./json-object.js";
import type { FakeReplyInput } from "./plan-fake-reply.js";

/**
 * Extracts from a Messages API request what decides the fake's reply: texts of `system` and of every
 * message (string contents and `text` blocks), the last user text, the tool names, `max_tokens`, and
 * whether `thinking` is enabled (`{"type":"enabled"}` or `{"type":"adaptive"}`).
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * anthropicReplyInput({ max_tokens: 9, messages: [{ role: "user", content: "Hi" }] }, 5).maxTokens; // 9
 */
export function anthropicReplyInput(body: Record<string, unknown>, chunks: number): FakeReplyInput {
  const messages = arrayField(body, "messages");
  const thinking = body["thinking"] as Record<string, unknown> | undefined;
  return {
    provider: "anthropic",
    promptTexts: anthropicPromptTexts(body),
    lastUserText: lastUserText(messages),
    toolNames: arrayField(body, "tools").map((t) =>
      String((t as Record<string, unknown>)?.["name"] ?? "tool"),
    ),
    chunks,
    maxTokens: body["max_tokens"],
    thinking: thinking?.["type"] === "enabled" || thinking?.["type"] === "adaptive",
  };
}

/** Texts of `system` and of every message, as counted for `input_tokens`. */
export function anthropicPromptTexts(body: Record<string, unknown>): string[] {
  return [...contentTexts(body["system"]), ...arrayField(body, "messages").flatMap((m) => messageTexts(m))];
}

function messageTexts(message: unknown): string[] {
  return typeof message === "object" && message !== null
    ? contentTexts((message as Record<string, unknown>)["content"])
    : [];
}

function contentTexts(content: unknown): string[] {
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block: unknown) => {
    const text = (block as Record<string, unknown> | null)?.["text"];
    return typeof text === "string" ? [text] : [];
  });
}

function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown> | null;
    if (m?.["role"] === "user") return messageTexts(m).join(" ");
  }
  return "";
}
