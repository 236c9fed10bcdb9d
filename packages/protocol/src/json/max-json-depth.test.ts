import { describe, expect, it } from "vitest";
import { decodeAnthropicRequest } from "../anthropic/decode-anthropic-request.js";
import { encodeAnthropicRequest } from "../anthropic/encode-anthropic-request.js";
import { decodeGeminiRequest } from "../gemini/decode-gemini-request.js";
import { encodeGeminiRequest } from "../gemini/encode-gemini-request.js";
import type { IrChatRequest } from "../ir/chat-request.js";
import { encodeOllamaRequest } from "../ollama/encode-ollama-request.js";
import { decodeOpenAIRequest } from "../openai/decode-openai-request.js";
import { encodeOpenAIRequest } from "../openai/encode-openai-request.js";
import { nestedJson } from "../testing/hostile-json-arb.js";
import { jsonValueDepthExceeds } from "./json-value-depth-exceeds.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";
import { parseJsonObject } from "./parse-json-object.js";

/** A schema `levels` deep (as JSON counts), nesting through `properties`, the walk Gemini's decoder makes. */
function deepSchema(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "STRING" };
  for (let depth = 1; depth + 2 <= levels; depth += 2) schema = { type: "OBJECT", properties: { p: schema } };
  return schema;
}

/** Fills a body's deep spots so that the body as a whole reaches exactly MAX_JSON_DEPTH. */
function atTheBound(
  build: (fill: (used: number) => unknown) => Record<string, unknown>,
): Record<string, unknown> {
  const body = build((used) => nestedJson(MAX_JSON_DEPTH - used));
  const text = JSON.stringify(body);
  expect(jsonValueDepthExceeds(body, MAX_JSON_DEPTH)).toBe(false);
  expect(jsonValueDepthExceeds(body, MAX_JSON_DEPTH - 1)).toBe(true);
  return parseJsonObject(text);
}

/** Every encoder turns the IR back into a body that serializes (what the server does next). */
function encodesEverywhere(ir: IrChatRequest): void {
  expect(() => JSON.stringify(encodeOpenAIRequest(ir, "m").body)).not.toThrow();
  expect(() => JSON.stringify(encodeAnthropicRequest(ir, "m").body)).not.toThrow();
  expect(() => JSON.stringify(encodeGeminiRequest(ir, "gemini-2.5-flash").body)).not.toThrow();
  expect(() => JSON.stringify(encodeOllamaRequest(ir, "m").body)).not.toThrow();
}

describe("a body at MAX_JSON_DEPTH, the deepest the server lets through", () => {
  it("decodes on every surface and re-encodes for every upstream", () => {
    const openai = atTheBound((fill) => ({
      model: "m",
      messages: [{ role: "user", content: "hi" }],
      // body > tools > [0] > function > parameters: 5 levels before the deep value.
      tools: [{ type: "function", function: { name: "f", parameters: { x: fill(5) } } }],
    }));
    encodesEverywhere(decodeOpenAIRequest(openai));

    const anthropic = atTheBound((fill) => ({
      model: "m",
      max_tokens: 10,
      messages: [
        { role: "user", content: "hi" },
        // body > messages > [1] > content > [0] > input: 6 levels before the deep value.
        { role: "assistant", content: [{ type: "tool_use", id: "t", name: "f", input: { x: fill(6) } }] },
      ],
    }));
    encodesEverywhere(decodeAnthropicRequest(anthropic));

    const gemini = atTheBound(() => ({
      contents: [{ role: "user", parts: [{ text: "hi" }] }],
      // body > tools > [0] > functionDeclarations > [0]: 5 levels before the schema.
      tools: [{ functionDeclarations: [{ name: "f", parameters: deepSchema(MAX_JSON_DEPTH - 5) }] }],
    }));
    encodesEverywhere(decodeGeminiRequest(gemini, "m", false));
  });
});
