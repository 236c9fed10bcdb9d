import { decodeAnthropicUsage, decodeGeminiUsage, type IrUsage } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PriceRates, PriceSheet } from "../domain/price-sheet.js";
import { computeCost, parseUsdPerMTok } from "./compute-cost.js";
import { loadPriceCatalog } from "./pricing/load-price-catalog.js";

const catalog = loadPriceCatalog();
const NOW = Date.parse("2026-01-01T00:00:00Z");
function sheet(kind: "openai" | "anthropic" | "gemini", model: string): PriceSheet {
  const entry = catalog.find(kind, model, NOW);
  if (!entry) throw new Error(`no price for ${model}`);
  return entry.prices;
}
const sum = (lines: { costNano: number }[]) => lines.reduce((a, l) => a + l.costNano, 0);

describe("computeCost: documented usage examples, exact to the nano-dollar", () => {
  it("Anthropic cache writes at both TTLs (claude-sonnet-4: 5m at 1.25×, 1h at 2× input)", () => {
    // https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration
    const usage = decodeAnthropicUsage({
      input_tokens: 2048,
      cache_read_input_tokens: 1800,
      cache_creation_input_tokens: 248,
      output_tokens: 503,
      cache_creation: { ephemeral_5m_input_tokens: 148, ephemeral_1h_input_tokens: 100 },
    });
    const cost = computeCost(usage, sheet("anthropic", "claude-sonnet-4-20250514"));
    expect(cost.breakdown.map((l) => [l.kind, l.tokens, l.costNano])).toEqual([
      ["input", 2048, 6_144_000], // 2048 × $3
      ["cacheRead", 1800, 540_000], // × $0.30
      ["cacheWrite5m", 148, 555_000], // × $3.75
      ["cacheWrite1h", 100, 600_000], // × $6
      ["output", 503, 7_545_000], // × $15
    ]);
    expect(cost.costNano).toBe(15_384_000);
  });

  it("OpenAI cached input (gpt-4o: prompt_tokens includes cached_tokens, priced once at $1.25)", () => {
    const usage: IrUsage = { inputTokens: 2006, outputTokens: 300, cacheReadTokens: 1920 };
    const cost = computeCost(usage, sheet("openai", "gpt-4o"));
    expect(cost.breakdown.map((l) => [l.kind, l.tokens, l.costNano])).toEqual([
      ["input", 86, 215_000],
      ["cacheRead", 1920, 2_400_000],
      ["output", 300, 3_000_000],
    ]);
    expect(cost.costNano).toBe(5_615_000);
  });

  it("Gemini cached content and thoughts (gemini-2.5-pro: thoughts at the output price)", () => {
    const usage = decodeGeminiUsage({
      promptTokenCount: 10_000,
      cachedContentTokenCount: 8_000,
      candidatesTokenCount: 500,
      thoughtsTokenCount: 1_200,
    });
    const cost = computeCost(usage, sheet("gemini", "gemini-2.5-pro"));
    expect(cost.breakdown.map((l) => [l.kind, l.tokens, l.costNano])).toEqual([
      ["input", 2_000, 2_500_000],
      ["cacheRead", 8_000, 1_000_000],
      ["output", 500, 5_000_000],
      ["reasoning", 1_200, 12_000_000],
    ]);
    expect(cost.costNano).toBe(20_500_000);
  });

  it("Gemini 2.5 Pro above 200k prompt tokens: every price switches, at 200k exactly it does not", () => {
    const pro = sheet("gemini", "gemini-2.5-pro");
    expect(computeCost({ inputTokens: 250_000, outputTokens: 1_000 }, pro).costNano).toBe(640_000_000);
    expect(computeCost({ inputTokens: 200_000, outputTokens: 1_000 }, pro).costNano).toBe(260_000_000);
    const cached = { inputTokens: 250_000, outputTokens: 0, cacheReadTokens: 200_000 };
    expect(computeCost(cached, pro).costNano).toBe(50_000 * 2_500 + 200_000 * 250);
  });

  it("OpenAI audio tokens at the audio prices (gpt-4o-audio-preview: $40 in, $80 out)", () => {
    const usage: IrUsage = { inputTokens: 1000, outputTokens: 500, audioTokens: 400, audioOutputTokens: 300 };
    const cost = computeCost(usage, sheet("openai", "gpt-4o-audio-preview"));
    // 600 × 2.5 + 400 × 40 + 200 × 10 + 300 × 80 (nano per token = USD per MTok × 1000)
    expect(cost.costNano).toBe(1_500_000 + 16_000_000 + 2_000_000 + 24_000_000);
  });
});

describe("computeCost: rules", () => {
  const base: PriceSheet = { input: parseUsdPerMTok("2"), output: parseUsdPerMTok("8") };

  it("rounds the total half up once; the lines still sum to it", () => {
    const half: PriceSheet = { input: 500_000, output: 500_000 };
    expect(computeCost({ inputTokens: 1, outputTokens: 0 }, half).costNano).toBe(1);
    const two = computeCost({ inputTokens: 1, outputTokens: 1 }, half);
    expect(two.costNano).toBe(1);
    expect(sum(two.breakdown)).toBe(1);
    expect(computeCost({ inputTokens: 1, outputTokens: 0 }, { input: 499_999, output: 0 }).costNano).toBe(0);
  });

  it("adds the markup in basis points as its own line", () => {
    const cost = computeCost({ inputTokens: 1000, outputTokens: 1000 }, base, { markupBps: 2000 });
    expect(cost.costNano).toBe(12_000_000);
    expect(cost.breakdown.at(-1)).toEqual({
      kind: "markup",
      tokens: 0,
      ratePerMTok: 2000,
      costNano: 2_000_000,
    });
  });

  it("switches to the volume tier the tenant's month has passed", () => {
    const tiered: PriceSheet = {
      ...base,
      volumeTiers: [
        { aboveMonthlyTokens: 1_000_000, input: parseUsdPerMTok("1.5"), output: parseUsdPerMTok("6") },
        { aboveMonthlyTokens: 10_000_000, input: parseUsdPerMTok("1"), output: parseUsdPerMTok("4") },
      ],
    };
    const u = { inputTokens: 1000, outputTokens: 0 };
    expect(computeCost(u, tiered, { monthlyTokens: 1_000_000 }).costNano).toBe(2_000_000);
    expect(computeCost(u, tiered, { monthlyTokens: 1_000_001 }).costNano).toBe(1_500_000);
    expect(computeCost(u, tiered, { monthlyTokens: 50_000_000 }).costNano).toBe(1_000_000);
  });

  it("clamps parts that exceed their whole instead of pricing a token twice or negatively", () => {
    const cost = computeCost(
      { inputTokens: 10, outputTokens: 5, cacheReadTokens: 50, reasoningTokens: 9 },
      base,
    );
    expect(cost.breakdown.map((l) => [l.kind, l.tokens])).toEqual([
      ["cacheRead", 10],
      ["reasoning", 5],
    ]);
  });
});

/** Usage as disjoint parts, so "monotone in each count" means adding tokens to one part. */
const partsArb = fc.record({
  uncached: fc.nat(3_000_000),
  read: fc.nat(3_000_000),
  write5m: fc.nat(1_000_000),
  write1h: fc.nat(1_000_000),
  image: fc.nat(100_000),
  audio: fc.nat(100_000),
  text: fc.nat(1_000_000),
  reasoning: fc.nat(1_000_000),
  audioOut: fc.nat(100_000),
});
type Parts = typeof partsArb extends fc.Arbitrary<infer T> ? T : never;
function toUsage(p: Parts): IrUsage {
  return {
    inputTokens: p.uncached + p.image + p.audio + p.read + p.write5m + p.write1h,
    outputTokens: p.text + p.reasoning + p.audioOut,
    cacheReadTokens: p.read,
    cacheWriteTokens: p.write5m + p.write1h,
    cacheWrite1hTokens: p.write1h,
    imageTokens: p.image,
    audioTokens: p.audio,
    reasoningTokens: p.reasoning,
    audioOutputTokens: p.audioOut,
  };
}
const rate = fc.nat(200_000_000_000);
const ratesArb: fc.Arbitrary<PriceRates> = fc.record(
  {
    input: rate,
    output: rate,
    cacheRead: rate,
    cacheWrite5m: rate,
    cacheWrite1h: rate,
    reasoning: rate,
    imageInput: rate,
    audioInput: rate,
    audioOutput: rate,
  },
  { requiredKeys: ["input", "output"] },
);
// A prompt tier at least as dear as the base in every rate keeps the price monotone across its threshold.
const sheetArb: fc.Arbitrary<PriceSheet> = fc
  .tuple(ratesArb, fc.option(fc.nat(4_000_000)), fc.nat(100_000_000_000))
  .map(([r, above, extra]) => {
    if (above === null) return r;
    const tier = Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, (v as number) + extra]),
    ) as unknown as PriceRates;
    return {
      ...r,
      promptTiers: [{ ...tier, input: r.input + extra, output: r.output + extra, aboveTokens: above }],
    };
  });

describe("computeCost: properties", () => {
  it("is never negative, its lines sum to it, and it is the half-up rounding of the exact sum", () => {
    fc.assert(
      fc.property(partsArb, sheetArb, fc.nat(100_000), (p, s, bps) => {
        const cost = computeCost(toUsage(p), s, { markupBps: bps });
        expect(cost.costNano).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(cost.costNano)).toBe(true);
        expect(sum(cost.breakdown)).toBe(cost.costNano);
        for (const l of cost.breakdown) expect(l.costNano).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("is monotone in each token count", () => {
    fc.assert(
      fc.property(
        partsArb,
        sheetArb,
        fc.constantFrom<keyof Parts>(
          "uncached",
          "read",
          "write5m",
          "write1h",
          "image",
          "audio",
          "text",
          "reasoning",
          "audioOut",
        ),
        fc.nat(1_000_000),
        (p, s, key, more) => {
          const before = computeCost(toUsage(p), s).costNano;
          const after = computeCost(toUsage({ ...p, [key]: p[key] + more }), s).costNano;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});

describe("parseUsdPerMTok", () => {
  it("parses prices without floats and rejects junk", () => {
    expect(parseUsdPerMTok("0.075")).toBe(75_000_000);
    expect(parseUsdPerMTok("15")).toBe(15_000_000_000);
    expect(() => parseUsdPerMTok("-1")).toThrow(/invalid price/);
    expect(() => parseUsdPerMTok("1e3")).toThrow(/invalid price/);
  });
});
