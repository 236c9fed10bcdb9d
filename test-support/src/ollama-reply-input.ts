import { arrayField, asJsonObject } from "./json-object.js";
import type { FakeReplyInput } from "./plan-fake-reply.js";

/**
 * Extracts from an /api/chat request what decides the fake's reply: message contents, the last user
 * content, the function names of `tools`, `options.num_predict`, and `think` (true or a level string).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 *
 * @example
 * ollamaReplyInput({ messages: [{ role: "user", content: "Hi" }] }, 5).lastUserText; // "Hi"
 */
export function ollamaReplyInput(body: Record<string, unknown>, chunks: number): FakeReplyInput {
  const messages = arrayField(body, "messages").map((m) => asJsonObject(m) ?? {});
  const texts = messages.map((m) => (typeof m["content"] === "string" ? m["content"] : ""));
  const lastUser = messages.findLast((m) => m["role"] === "user");
  const toolNames = arrayField(body, "tools").map((t) =>
    String(asJsonObject(asJsonObject(t)?.["function"])?.["name"] ?? "tool"),
  );
  const think = body["think"];
  return {
    provider: "ollama",
    promptTexts: texts,
    lastUserText: typeof lastUser?.["content"] === "string" ? lastUser["content"] : "",
    toolNames,
    chunks,
    maxTokens: asJsonObject(body["options"])?.["num_predict"],
    thinking: think === true || (typeof think === "string" && think.length > 0),
  };
}
