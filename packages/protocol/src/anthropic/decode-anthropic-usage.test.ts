import { describe, expect, it } from "vitest";
import { decodeAnthropicUsage } from "./decode-anthropic-usage.js";

describe("decodeAnthropicUsage", () => {
  it("adds cache reads and writes into inputTokens (Anthropic's input_tokens excludes them)", () => {
    expect(
      decodeAnthropicUsage({
        input_tokens: 50,
        cache_creation_input_tokens: 248,
        cache_read_input_tokens: 1000,
        output_tokens: 503,
      }),
    ).toEqual({ inputTokens: 1298, outputTokens: 503, cacheReadTokens: 1000, cacheWriteTokens: 248 });
  });

  it("reads null or missing counts as zero and thinking tokens as reasoning", () => {
    expect(
      decodeAnthropicUsage({
        input_tokens: 5,
        cache_read_input_tokens: null,
        output_tokens: 9,
        output_tokens_details: { thinking_tokens: 4 },
      }),
    ).toEqual({ inputTokens: 5, outputTokens: 9, reasoningTokens: 4 });
    expect(decodeAnthropicUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it("keeps earlier counts that a cumulative message_delta leaves out", () => {
    const start = decodeAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 1 });
    expect(decodeAnthropicUsage({ output_tokens: 40 }, start)).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      cacheReadTokens: 90,
    });
    expect(decodeAnthropicUsage({ input_tokens: 12, output_tokens: 41 }, start)).toEqual({
      inputTokens: 102,
      outputTokens: 41,
      cacheReadTokens: 90,
    });
  });

  it("reads the 1-hour part of the cache writes (documented cache_creation example)", () => {
    // https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration
    const usage = decodeAnthropicUsage({
      input_tokens: 2048,
      cache_read_input_tokens: 1800,
      cache_creation_input_tokens: 248,
      output_tokens: 503,
      cache_creation: { ephemeral_5m_input_tokens: 148, ephemeral_1h_input_tokens: 100 },
    });
    expect(usage).toEqual({
      inputTokens: 4096,
      outputTokens: 503,
      cacheReadTokens: 1800,
      cacheWriteTokens: 248,
      cacheWrite1hTokens: 100,
    });
    expect(decodeAnthropicUsage({ output_tokens: 600 }, usage).cacheWrite1hTokens).toBe(100);
  });
});
