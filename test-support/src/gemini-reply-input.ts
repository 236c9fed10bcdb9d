import { arrayField, asJsonObject } from "./json-object.js";
import type { FakeReplyInput } from "./plan-fake-reply.js";

/**
 * Extracts from a GenerateContentRequest what decides the fake's reply: texts of `systemInstruction`
 * and every content (text parts), the last user text, the function declaration names,
 * `generationConfig.maxOutputTokens`, and `generationConfig.thinkingConfig.includeThoughts`.
 * @see https://ai.google.dev/api/generate-content#request-body
 *
 * @example
 * geminiReplyInput({ contents: [{ role: "user", parts: [{ text: "Hi" }] }] }, 5).lastUserText; // "Hi"
 */
export function geminiReplyInput(body: Record<string, unknown>, chunks: number): FakeReplyInput {
  const config = asJsonObject(body["generationConfig"]);
  const thinking = asJsonObject(config?.["thinkingConfig"]);
  const toolNames = arrayField(body, "tools").flatMap((tool) =>
    arrayField(asJsonObject(tool), "functionDeclarations").map((f) =>
      String(asJsonObject(f)?.["name"] ?? "tool"),
    ),
  );
  return {
    provider: "gemini",
    promptTexts: geminiPromptTexts(body),
    lastUserText: lastUserText(arrayField(body, "contents")),
    toolNames,
    chunks,
    maxTokens: config?.["maxOutputTokens"],
    thinking: thinking?.["includeThoughts"] === true,
  };
}

/** Texts of `systemInstruction` and of every content's text parts, as counted for promptTokenCount. */
export function geminiPromptTexts(body: Record<string, unknown>): string[] {
  return [body["systemInstruction"], ...arrayField(body, "contents")].flatMap(partTexts);
}

function partTexts(content: unknown): string[] {
  return arrayField(asJsonObject(content), "parts").flatMap((part) => {
    const text = asJsonObject(part)?.["text"];
    return typeof text === "string" ? [text] : [];
  });
}

function lastUserText(contents: unknown[]): string {
  for (let i = contents.length - 1; i >= 0; i--) {
    const role = asJsonObject(contents[i])?.["role"];
    if (role === undefined || role === "user") return partTexts(contents[i]).join(" ");
  }
  return "";
}
