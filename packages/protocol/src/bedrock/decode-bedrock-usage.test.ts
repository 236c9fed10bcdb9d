import { describe, expect, it } from "vitest";
import { decodeBedrockUsage } from "./decode-bedrock-usage.js";

describe("decodeBedrockUsage", () => {
  it("adds cache reads and writes to input and reads the 1-hour writes from cacheDetails", () => {
    // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
    expect(
      decodeBedrockUsage({
        inputTokens: 20,
        outputTokens: 7,
        totalTokens: 1527,
        cacheReadInputTokens: 1000,
        cacheWriteInputTokens: 500,
        cacheDetails: [
          { ttl: "1h", inputTokens: 300 },
          { ttl: "5m", inputTokens: 200 },
        ],
      }),
    ).toEqual({
      inputTokens: 1520,
      outputTokens: 7,
      cacheReadTokens: 1000,
      cacheWriteTokens: 500,
      cacheWrite1hTokens: 300,
    });
    expect(decodeBedrockUsage({ inputTokens: 5, outputTokens: 1, cacheDetails: "junk" })).toEqual({
      inputTokens: 5,
      outputTokens: 1,
    });
  });
});
