import { describe, expect, it } from "vitest";
import { newRequestContext } from "../request-context.js";
import { settleEmbeddingsUsage } from "./settle-embeddings-usage.js";

const ctx = () => newRequestContext("r1", "openai", "POST", "/v1/embeddings", 0);

describe("settleEmbeddingsUsage", () => {
  it("keeps the upstream's count, with no output tokens", () => {
    const c = ctx();
    expect(settleEmbeddingsUsage(c, 7, ["hello world"])).toBe(7);
    expect(c.usage).toEqual({ inputTokens: 7, outputTokens: 0 });
    expect(c.usageEstimated).toBe(false);
  });

  it("estimates from characters when the upstream reported nothing", () => {
    const c = ctx();
    expect(settleEmbeddingsUsage(c, undefined, ["abcdefgh", "ab"])).toBe(3);
    expect(c.usage).toEqual({ inputTokens: 3, outputTokens: 0 });
    expect(c.usageEstimated).toBe(true);
  });

  it("treats 0 for non-empty input as not reported (Gemini's decoder says 0)", () => {
    const c = ctx();
    expect(settleEmbeddingsUsage(c, 0, ["abcde"])).toBe(2);
    expect(c.usageEstimated).toBe(true);
  });

  it("accepts 0 for empty input as a real count", () => {
    const c = ctx();
    expect(settleEmbeddingsUsage(c, 0, [""])).toBe(0);
    expect(c.usageEstimated).toBe(false);
  });
});
