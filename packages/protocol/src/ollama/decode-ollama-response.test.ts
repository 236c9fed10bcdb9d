import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureJson } from "./__fixtures__/fixtures.js";
import { decodeOllamaResponse } from "./decode-ollama-response.js";

describe("decodeOllamaResponse", () => {
  it("decodes tool calls with made-up ids, finish tool_calls and the counts", () => {
    expect(decodeOllamaResponse(fixtureJson("chat-response-tools.json"))).toEqual({
      id: "ollama-20250707203253844124",
      model: "llama3.2",
      created: 1751920373,
      content: [
        {
          type: "tool_call",
          id: "call_20250707203253844124_0",
          name: "get_weather",
          arguments: '{"city":"Tokyo"}',
        },
        {
          type: "tool_call",
          id: "call_20250707203253844124_1",
          name: "get_time",
          arguments: '{"zone":"Asia/Tokyo"}',
        },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 169, outputTokens: 18 },
    });
  });

  it("decodes thinking as reasoning before the text, and done_reason length", () => {
    const ir = decodeOllamaResponse(fixtureJson("chat-response-thinking.json"));
    expect(ir.content).toEqual([
      { type: "reasoning", text: "2 + 2 is 4." },
      { type: "text", text: "The answer is 4." },
    ]);
    expect(ir.finishReason).toBe("length");
    expect(ir.usage).toEqual({ inputTokens: 12, outputTokens: 30 });
  });

  it("keeps a call id when Ollama sends one", () => {
    const ir = decodeOllamaResponse({
      model: "m",
      created_at: "2025-01-01T00:00:00Z",
      message: {
        role: "assistant",
        content: "",
        tool_calls: [{ id: "call_x", function: { name: "f", arguments: {} } }],
      },
      done: true,
    });
    expect(ir.content).toEqual([{ type: "tool_call", id: "call_x", name: "f", arguments: "{}" }]);
  });

  it("throws only upstream_error GatewayErrors for arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (value) => {
        try {
          decodeOllamaResponse(value);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).code).toBe("upstream_error");
        }
      }),
    );
  });
});
