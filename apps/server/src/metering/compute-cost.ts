import type { IrUsage } from "@gatehouse/protocol";

/** Prices of a model, nano-USD per million tokens. */
export interface Prices {
  inputPricePerMTok: number;
  outputPricePerMTok: number;
}

const MILLION = 1_000_000n;

/**
 * The cost of a call in integer nano-USD, rounded half up. BigInt arithmetic: tokens × price can pass
 * 2^53 (a million tokens at $75/M is 7.5e16) even when the result does not.
 *
 * @example computeCostNano({ inputTokens: 1000, outputTokens: 500 }, { inputPricePerMTok: 2_500_000_000, outputPricePerMTok: 10_000_000_000 }) // 7_500_000
 */
export function computeCostNano(usage: IrUsage, prices: Prices): number {
  const total =
    BigInt(usage.inputTokens) * BigInt(prices.inputPricePerMTok) +
    BigInt(usage.outputTokens) * BigInt(prices.outputPricePerMTok);
  return Number((total + MILLION / 2n) / MILLION);
}

/** Parses a price in USD per million tokens ("2.50") into integer nano-USD per million tokens. */
export function parseUsdPerMTok(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) throw new Error(`invalid price "${text}": expected USD per million tokens, e.g. 2.50`);
  return Number(m[1]) * 1e9 + Number((m[2] ?? "").padEnd(9, "0"));
}
