import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureJson } from "./__fixtures__/fixtures.js";
import { decodeOpenAIResponse } from "./decode-openai-response.js";

describe("decodeOpenAIResponse", () => {
  it("decodes parallel tool calls, finish reason and usage details", () => {
    expect(decodeOpenAIResponse(fixtureJson("chat-response-tool-calls.json"))).toEqual({
      id: "chatcmpl-AbC123",
      model: "gpt-4o-2024-08-06",
      created: 1741569952,
      content: [
        { type: "tool_call", id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "tool_call", id: "call_b", name: "get_weather", arguments: '{"city":"Lyon"}' },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 82, outputTokens: 40, cacheReadTokens: 64, reasoningTokens: 12 },
    });
  });

  it("decodes DeepSeek's reasoning_content as a reasoning part before the text", () => {
    const ir = decodeOpenAIResponse(fixtureJson("chat-response-deepseek-reasoning.json"));
    expect(ir.content).toEqual([
      { type: "reasoning", text: "Compare 9.80 with 9.11: 80 > 11." },
      { type: "text", text: "9.8 is greater than 9.11." },
    ]);
    expect(ir.finishReason).toBe("stop");
    expect(ir.usage).toEqual({ inputTokens: 10, outputTokens: 15, reasoningTokens: 9 });
  });

  it("keeps a refusal as text, reads cache_write_tokens, and tolerates object arguments", () => {
    const ir = decodeOpenAIResponse({
      id: "x",
      created: 1,
      model: "m",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            refusal: "I can't help with that.",
            tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: { a: 1 } } }],
          },
          finish_reason: "content_filter",
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cache_write_tokens: 3 } },
    });
    expect(ir.content).toEqual([
      { type: "text", text: "I can't help with that." },
      { type: "tool_call", id: "c", name: "f", arguments: '{"a":1}' },
    ]);
    expect(ir.finishReason).toBe("content_filter");
    expect(ir.usage).toEqual({ inputTokens: 5, outputTokens: 1, cacheWriteTokens: 3 });
  });

  it("refuses a body without choices as an upstream error", () => {
    expect(() => decodeOpenAIResponse({ choices: [] })).toThrow(GatewayError);
    try {
      decodeOpenAIResponse({ id: "x", choices: [] });
    } catch (err) {
      expect((err as GatewayError).code).toBe("upstream_error");
      expect((err as GatewayError).details.param).toBeUndefined();
    }
  });

  it("throws only upstream_error GatewayErrors for arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (value) => {
        try {
          decodeOpenAIResponse(value);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).code).toBe("upstream_error");
        }
      }),
    );
  });
});
