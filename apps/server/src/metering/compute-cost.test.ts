import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCostNano, parseUsdPerMTok } from "./compute-cost.js";

describe("computeCostNano", () => {
  it("prices tokens in integer nano-USD", () => {
    const prices = { inputPricePerMTok: parseUsdPerMTok("2.50"), outputPricePerMTok: parseUsdPerMTok("10") };
    expect(computeCostNano({ inputTokens: 1000, outputTokens: 500 }, prices)).toBe(7_500_000);
    expect(computeCostNano({ inputTokens: 1, outputTokens: 0 }, prices)).toBe(2_500);
  });

  it("stays exact where floating point would not", () => {
    const prices = { inputPricePerMTok: 75_000_000_000, outputPricePerMTok: 75_000_000_000 };
    expect(computeCostNano({ inputTokens: 2_000_000, outputTokens: 0 }, prices)).toBe(150_000_000_000);
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(100_000_000_000), (tokens, price) => {
        const cost = computeCostNano(
          { inputTokens: tokens, outputTokens: 0 },
          { inputPricePerMTok: price, outputPricePerMTok: 0 },
        );
        expect(Number.isInteger(cost)).toBe(true);
        expect(BigInt(cost)).toBe((BigInt(tokens) * BigInt(price) + 500_000n) / 1_000_000n);
      }),
    );
  });

  it("parses prices without floats and rejects junk", () => {
    expect(parseUsdPerMTok("0.075")).toBe(75_000_000);
    expect(parseUsdPerMTok("15")).toBe(15_000_000_000);
    expect(() => parseUsdPerMTok("-1")).toThrow(/invalid price/);
    expect(() => parseUsdPerMTok("1e3")).toThrow(/invalid price/);
  });
});
