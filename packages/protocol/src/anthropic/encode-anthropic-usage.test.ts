import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAnthropicUsage } from "./decode-anthropic-usage.js";
import { encodeAnthropicUsage } from "./encode-anthropic-usage.js";

describe("encodeAnthropicUsage", () => {
  it("takes cached tokens out of input_tokens", () => {
    expect(
      encodeAnthropicUsage({
        inputTokens: 1298,
        outputTokens: 503,
        cacheReadTokens: 1000,
        cacheWriteTokens: 248,
      }),
    ).toEqual({
      input_tokens: 50,
      cache_creation_input_tokens: 248,
      cache_read_input_tokens: 1000,
      output_tokens: 503,
    });
  });

  it("never reports negative input tokens for inconsistent IR usage", () => {
    expect(encodeAnthropicUsage({ inputTokens: 10, outputTokens: 0, cacheReadTokens: 50 }).input_tokens).toBe(
      0,
    );
  });

  it("round-trips with decodeAnthropicUsage", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (fresh, read, write, out) => {
        const wire = {
          input_tokens: fresh,
          cache_creation_input_tokens: write,
          cache_read_input_tokens: read,
          output_tokens: out,
        };
        expect(encodeAnthropicUsage(decodeAnthropicUsage(wire))).toEqual(wire);
      }),
    );
  });

  it("splits the cache writes by TTL when the 1-hour part is known, and round-trips it", () => {
    const wire = {
      input_tokens: 2048,
      cache_creation_input_tokens: 248,
      cache_read_input_tokens: 1800,
      cache_creation: { ephemeral_5m_input_tokens: 148, ephemeral_1h_input_tokens: 100 },
      output_tokens: 503,
    };
    expect(encodeAnthropicUsage(decodeAnthropicUsage(wire))).toEqual(wire);
  });
});
