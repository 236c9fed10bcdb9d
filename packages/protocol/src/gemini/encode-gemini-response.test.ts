import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeGeminiResponse } from "./decode-gemini-response.js";
import { encodeGeminiResponse } from "./encode-gemini-response.js";

describe("encodeGeminiResponse", () => {
  const ir: IrChatResponse = {
    id: "r1",
    model: "upstream-x",
    created: 1,
    content: [
      { type: "reasoning", text: "hm", signature: "S" },
      { type: "text", text: "Calling." },
      { type: "tool_call", id: "call_9", name: "f", arguments: '{"a":1}' },
    ],
    finishReason: "tool_calls",
    usage: { inputTokens: 10, outputTokens: 7, reasoningTokens: 3, cacheReadTokens: 4 },
  };

  it("encodes parts, finish reason, usage and the public model name", () => {
    expect(encodeGeminiResponse(ir, "gemini-2.5-flash")).toEqual({
      candidates: [
        {
          content: {
            parts: [
              { text: "hm", thought: true, thoughtSignature: "S" },
              { text: "Calling." },
              { functionCall: { id: "call_9", name: "f", args: { a: 1 } } },
            ],
            role: "model",
          },
          finishReason: "STOP",
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 4,
        thoughtsTokenCount: 3,
        cachedContentTokenCount: 4,
        totalTokenCount: 17,
      },
      modelVersion: "gemini-2.5-flash",
      responseId: "r1",
    });
  });

  it("omits content for an empty blocked answer, keeps one empty text part otherwise", () => {
    const empty = { ...ir, content: [] };
    expect(encodeGeminiResponse({ ...empty, finishReason: "content_filter" }, "m").candidates?.[0]).toEqual({
      finishReason: "SAFETY",
      index: 0,
    });
    expect(encodeGeminiResponse({ ...empty, finishReason: "length" }, "m").candidates?.[0]?.content).toEqual({
      parts: [{ text: "" }],
      role: "model",
    });
  });

  it("keeps text, tool calls and usage through encode → decode", () => {
    const partArb = fc.oneof(
      fc.string().map((text) => ({ type: "text" as const, text })),
      fc
        .record({
          id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
          name: fc.stringMatching(/^[a-z_]{1,10}$/),
          args: fc.dictionary(fc.string(), jsonValueArb),
        })
        .map((c) => ({
          type: "tool_call" as const,
          id: c.id,
          name: c.name,
          arguments: JSON.stringify(c.args),
        })),
    );
    fc.assert(
      fc.property(
        fc.array(partArb, { minLength: 1, maxLength: 5 }),
        fc.nat(1000),
        fc.nat(1000),
        (content, input, output) => {
          const hasCalls = content.some((p) => p.type === "tool_call");
          const original: IrChatResponse = {
            id: "r",
            model: "m",
            created: 5,
            content,
            finishReason: hasCalls ? "tool_calls" : "stop",
            usage: { inputTokens: input, outputTokens: output },
          };
          const back = decodeGeminiResponse(encodeGeminiResponse(original, "m"), () => 5000);
          expect(back).toEqual(original);
        },
      ),
    );
  });
});
