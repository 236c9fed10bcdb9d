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
});
