import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiResponse } from "./decode-gemini-response.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
const now = () => 1_700_000_000_000;

describe("decodeGeminiResponse", () => {
  it("decodes thoughts, signed parallel function calls, tool_calls finish and usage", () => {
    const ir = decodeGeminiResponse(fixture("response-function-call.json"), now);
    const [, paris, rome] = ir.content;
    expect(ir).toEqual({
      id: "resp-abc",
      model: "gemini-2.5-flash",
      created: 1_700_000_000,
      content: [
        { type: "reasoning", text: "Checking both cities." },
        {
          type: "tool_call",
          id: expect.stringMatching(/^call_/),
          name: "get_weather",
          arguments: '{"city":"Paris"}',
          signature: "c2lnLWE=",
        },
        {
          type: "tool_call",
          id: expect.stringMatching(/^call_/),
          name: "get_weather",
          arguments: '{"city":"Rome"}',
        },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 50, outputTokens: 35, cacheReadTokens: 20, reasoningTokens: 25 },
    });
    expect(paris).not.toEqual(rome);
  });

  it.each([
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["SPII", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["LANGUAGE", "other"],
    ["OTHER", "other"],
    ["STOP", "stop"],
  ])("maps finishReason %s to %s", (finishReason, expected) => {
    const body = { candidates: [{ content: { parts: [{ text: "x" }], role: "model" }, finishReason }] };
    expect(decodeGeminiResponse(body, now).finishReason).toBe(expected);
  });

  it("treats a blocked prompt as an empty content_filter answer", () => {
    const body = {
      promptFeedback: { blockReason: "SAFETY" },
      usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 },
    };
    const ir = decodeGeminiResponse(body, now);
    expect(ir.content).toEqual([]);
    expect(ir.finishReason).toBe("content_filter");
    expect(ir.usage).toEqual({ inputTokens: 8, outputTokens: 0 });
    expect(ir.id).toMatch(/^gemini_/);
  });

  it("answers upstream_error (not a client 400) for a malformed upstream body", () => {
    expect(() => decodeGeminiResponse("nope", now)).toThrow(GatewayError);
    const bad = { candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] };
    try {
      decodeGeminiResponse(bad, now);
      expect.unreachable();
    } catch (err) {
      expect((err as GatewayError).code).toBe("upstream_error");
    }
  });

  const call = (part: Record<string, unknown>) =>
    decodeGeminiResponse(
      { responseId: "r", candidates: [{ content: { parts: [part] }, finishReason: "STOP" }] },
      now,
    ).content;

  it("accepts every documented functionCall shape: args absent, id present or not, a thoughtSignature beside it", () => {
    expect(call({ functionCall: { name: "f" } })).toEqual([
      { type: "tool_call", id: expect.stringMatching(/^call_/), name: "f", arguments: "{}" },
    ]);
    expect(call({ functionCall: { name: "f", args: null, id: "fc-9" } })).toEqual([
      { type: "tool_call", id: "fc-9", name: "f", arguments: "{}" },
    ]);
    expect(
      call({ functionCall: { id: "fc-1", name: "f", args: { a: [1] } }, thoughtSignature: "c2ln" }),
    ).toEqual([{ type: "tool_call", id: "fc-1", name: "f", arguments: '{"a":[1]}', signature: "c2ln" }]);
    expect(
      call({ functionCall: { name: "f", partialArgs: [{ jsonPath: "$.q", stringValue: "x" }] } }),
    ).toEqual([
      { type: "tool_call", id: expect.stringMatching(/^call_/), name: "f", arguments: '{"q":"x"}' },
    ]);
  });

  it("skips parts of built-in tools and generated images instead of failing", () => {
    expect(
      call({ executableCode: { language: "PYTHON", code: "print(1)" } }).concat(
        call({ inlineData: { mimeType: "image/png", data: "AA==" } }),
      ),
    ).toEqual([]);
  });

  it.each([
    [{ candidates: {} }, "candidates must be an array"],
    [{ candidates: [7] }, "candidates[0] must be an object"],
    [{ candidates: [{ content: [] }] }, "candidates[0].content must be an object"],
    [{ candidates: [{ content: { parts: {} } }] }, "candidates[0].content.parts must be an array"],
    [
      {
        candidates: [
          { content: { parts: [{ text: "a" }, { text: "b" }, { functionCall: { name: "f", args: "x" } }] } },
        ],
      },
      "candidates[0].content.parts[2].functionCall.args must be an object",
    ],
    [
      { candidates: [{ content: { parts: [{ functionCall: { name: 5 } }] } }] },
      "candidates[0].content.parts[0].functionCall.name must be a string",
    ],
    [{ candidates: [{ finishReason: 1 }] }, "candidates[0].finishReason must be a string"],
    [{ responseId: 1 }, "responseId must be a string"],
  ])("refuses %j with upstream_error naming the field", (body, message) => {
    try {
      decodeGeminiResponse(body, now);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe("upstream_error");
      expect((err as GatewayError).message).toBe(`Unexpected Gemini response: ${message}`);
    }
  });

  it("refuses function arguments nested 100,000 deep with upstream_error, not a stack overflow", () => {
    let args: unknown = {};
    for (let i = 0; i < 100_000; i++) args = { a: args };
    expect(() => call({ functionCall: { name: "f", args } })).toThrow(
      /functionCall.args nests deeper than 128/,
    );
  });
});
