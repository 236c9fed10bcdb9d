import { describe, expect, it } from "vitest";
import { settleEmbeddingsUsage } from "./settle-embeddings-usage.js";

describe("settleEmbeddingsUsage", () => {
  it("keeps the upstream's count, with no output tokens", () => {
    expect(settleEmbeddingsUsage(7, ["hello world"])).toEqual({
      usage: { inputTokens: 7, outputTokens: 0 },
      usageEstimated: false,
    });
  });
  it("estimates from characters when the upstream reported nothing", () => {
    expect(settleEmbeddingsUsage(undefined, ["abcdefgh", "ab"])).toEqual({
      usage: { inputTokens: 3, outputTokens: 0 },
      usageEstimated: true,
    });
  });
  it("treats 0 for non-empty input as not reported (Gemini's decoder says 0)", () => {
    expect(settleEmbeddingsUsage(0, ["abcde"])).toMatchObject({
      usage: { inputTokens: 2 },
      usageEstimated: true,
    });
  });
  it("accepts 0 for empty input as a real count", () => {
    expect(settleEmbeddingsUsage(0, [""])).toMatchObject({
      usage: { inputTokens: 0 },
      usageEstimated: false,
    });
  });
});
