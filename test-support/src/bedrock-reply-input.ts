import { arrayField, asJsonObject } from "./json-object.js";
import type { FakeReplyInput } from "./plan-fake-reply.js";

/**
 * Extracts from a Converse request what decides the fake's reply: texts of `system` and of every
 * message's text blocks, the last user text, `toolConfig.tools[].toolSpec.name`,
 * `inferenceConfig.maxTokens`, and reasoning (`additionalModelRequestFields.thinking.type` "enabled",
 * as for Claude models, or `reasoningConfig.type` "enabled").
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax
 *
 * @example
 * bedrockReplyInput({ messages: [{ role: "user", content: [{ text: "Hi" }] }] }, 5).lastUserText; // "Hi"
 */
export function bedrockReplyInput(body: Record<string, unknown>, chunks: number): FakeReplyInput {
  const messages = arrayField(body, "messages").map((m) => asJsonObject(m) ?? {});
  const lastUser = messages.findLast((m) => m["role"] === "user");
  const tools = arrayField(asJsonObject(body["toolConfig"]), "tools");
  const extra = asJsonObject(body["additionalModelRequestFields"]);
  const thinking = asJsonObject(extra?.["thinking"]) ?? asJsonObject(extra?.["reasoningConfig"]);
  return {
    provider: "bedrock",
    promptTexts: bedrockPromptTexts(body),
    lastUserText: blockTexts(lastUser?.["content"]).join(" "),
    toolNames: tools.map((t) => String(asJsonObject(asJsonObject(t)?.["toolSpec"])?.["name"] ?? "tool")),
    chunks,
    maxTokens: asJsonObject(body["inferenceConfig"])?.["maxTokens"],
    thinking: thinking?.["type"] === "enabled",
  };
}

/** Texts of `system` and of every message's text blocks, as counted for inputTokens. */
export function bedrockPromptTexts(body: Record<string, unknown>): string[] {
  const messages = arrayField(body, "messages").map((m) => asJsonObject(m)?.["content"]);
  return [body["system"], ...messages].flatMap(blockTexts);
}

function blockTexts(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const text = asJsonObject(b)?.["text"];
    return typeof text === "string" ? [text] : [];
  });
}
