import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiCountTokensResponse } from "./decode-gemini-count-tokens-response.js";
import { encodeGeminiCountTokensRequest } from "./encode-gemini-count-tokens-request.js";
import { encodeGeminiCountTokensResponse } from "./encode-gemini-count-tokens-response.js";

describe("countTokens codecs", () => {
  it("wraps the whole request with the model's resource name", () => {
    const { body } = encodeGeminiCountTokensRequest(
      {
        model: "x",
        stream: false,
        system: [{ type: "text", text: "s" }],
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      },
      "gemini-2.5-flash",
    );
    expect(body).toEqual({
      generateContentRequest: {
        model: "models/gemini-2.5-flash",
        contents: [{ role: "user", parts: [{ text: "Hi" }] }],
        systemInstruction: { parts: [{ text: "s" }] },
      },
    });
  });

  it("reads and writes totalTokens", () => {
    expect(encodeGeminiCountTokensResponse(31)).toEqual({ totalTokens: 31 });
    expect(decodeGeminiCountTokensResponse({ totalTokens: 31, cachedContentTokenCount: 4 })).toBe(31);
    expect(decodeGeminiCountTokensResponse({})).toBe(0);
    expect(() => decodeGeminiCountTokensResponse({ totalTokens: "31" })).toThrow(GatewayError);
    expect(() => decodeGeminiCountTokensResponse(null)).toThrow(GatewayError);
  });
});
