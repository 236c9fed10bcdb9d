import type { PriceRates, PriceSheet } from "../domain/price-sheet.js";
import { rateOf } from "./compute-cost.js";

const INPUT_KINDS = [
  "input",
  "cacheRead",
  "cacheWrite5m",
  "cacheWrite1h",
  "imageInput",
  "audioInput",
] as const;
const OUTPUT_KINDS = ["output", "reasoning", "audioOutput"] as const;

/**
 * The largest cost a request could have at `sheet`: every prompt token at the sheet's highest input-side
 * rate (any tier, cache writes included) and every allowed output token at its highest output-side rate,
 * the markup on top, rounded UP — what a budget reserves before the call, so settling never finds more.
 *
 * @example
 * maxSheetCost({ input: 3e9, output: 15e9, cacheWrite1h: 6e9 }, 1000, 100, 0); // 7_500_000
 */
export function maxSheetCost(
  sheet: PriceSheet,
  promptTokens: number,
  maxOutputTokens: number,
  markupBps: number,
): bigint {
  const all: PriceRates[] = [sheet, ...(sheet.promptTiers ?? []), ...(sheet.volumeTiers ?? [])];
  const input = Math.max(...all.flatMap((r) => INPUT_KINDS.map((k) => rateOf(r, k))));
  const output = Math.max(...all.flatMap((r) => OUTPUT_KINDS.map((k) => rateOf(r, k))));
  const base =
    BigInt(Math.max(0, Math.ceil(promptTokens))) * BigInt(input) +
    BigInt(Math.max(0, Math.ceil(maxOutputTokens))) * BigInt(output);
  const denominator = 1_000_000n * 10_000n;
  const numerator = base * (10_000n + BigInt(Math.max(0, Math.floor(markupBps))));
  return (numerator + denominator - 1n) / denominator;
}
