import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bigChatBody, chatRequestBody, responsesRequestBody } from "./request-body.mjs";

describe("bigChatBody", () => {
  it("is a chat request of exactly the bytes asked for", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 100_000 }), (bytes) => {
        const body = bigChatBody({ model: "bench-model", bytes });
        expect(Buffer.byteLength(body)).toBe(bytes);
        const parsed = JSON.parse(body);
        expect(parsed.model).toBe("bench-model");
        expect(parsed.messages).toHaveLength(1);
      }),
    );
    expect(Buffer.byteLength(bigChatBody({ model: "m", bytes: 10 * 1024 * 1024 }))).toBe(10 * 1024 * 1024);
  });

  it("refuses a size smaller than an empty request", () => {
    expect(() => bigChatBody({ model: "bench-model", bytes: 20 })).toThrow(/at least/);
  });
});

describe("chatRequestBody", () => {
  it("asks for the usage chunk when it streams", () => {
    expect(JSON.parse(chatRequestBody({ model: "m", stream: true })).stream_options).toEqual({
      include_usage: true,
    });
    expect(JSON.parse(chatRequestBody({ model: "m", stream: false })).stream).toBeUndefined();
  });
});

describe("responsesRequestBody", () => {
  it("asks the chat request's question as a Responses request", () => {
    const chat = JSON.parse(chatRequestBody({ model: "m", stream: false, promptBytes: 100 }));
    const responses = JSON.parse(responsesRequestBody({ model: "m", stream: false, promptBytes: 100 }));
    expect(responses).toEqual({
      model: "m",
      instructions: chat.messages[0].content,
      input: [{ role: "user", content: chat.messages[1].content }],
      max_output_tokens: chat.max_tokens,
    });
    expect(JSON.parse(responsesRequestBody({ model: "m", stream: true })).stream).toBe(true);
  });
});
