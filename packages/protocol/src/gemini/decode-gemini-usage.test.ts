import { describe, expect, it } from "vitest";
import { decodeGeminiUsage } from "./decode-gemini-usage.js";
import { encodeGeminiUsage } from "./encode-gemini-usage.js";

describe("decodeGeminiUsage / encodeGeminiUsage", () => {
  it("adds thoughts to output, keeps cached tokens inside input", () => {
    const usage = decodeGeminiUsage({
      promptTokenCount: 100,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 30,
      cachedContentTokenCount: 60,
      totalTokenCount: 150,
    });
    expect(usage).toEqual({ inputTokens: 100, outputTokens: 50, cacheReadTokens: 60, reasoningTokens: 30 });
    expect(encodeGeminiUsage(usage)).toEqual({
      promptTokenCount: 100,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 30,
      cachedContentTokenCount: 60,
      totalTokenCount: 150,
    });
  });

  it("reads missing or junk counts as zero", () => {
    expect(decodeGeminiUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(decodeGeminiUsage({ promptTokenCount: "7", candidatesTokenCount: -1 })).toEqual({
      inputTokens: 0,
      outputTokens: 0,
    });
  });

  it("reads image and audio prompt tokens from promptTokensDetails (video counts as image)", () => {
    expect(
      decodeGeminiUsage({
        promptTokenCount: 2000,
        candidatesTokenCount: 10,
        promptTokensDetails: [
          { modality: "TEXT", tokenCount: 200 },
          { modality: "IMAGE", tokenCount: 1032 },
          { modality: "VIDEO", tokenCount: 258 },
          { modality: "AUDIO", tokenCount: 510 },
        ],
      }),
    ).toEqual({ inputTokens: 2000, outputTokens: 10, imageTokens: 1290, audioTokens: 510 });
  });
});
