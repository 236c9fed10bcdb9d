import type { IrUsage } from "@gatehouse/protocol";
import type { PriceRates, PriceSheet } from "../domain/price-sheet.js";

/** What a line of a cost breakdown prices. */
export type CostLineKind =
  | "input"
  | "cacheRead"
  | "cacheWrite5m"
  | "cacheWrite1h"
  | "imageInput"
  | "audioInput"
  | "output"
  | "reasoning"
  | "audioOutput"
  | "markup";

/** One line of a cost: tokens × rate (nano-USD per million tokens); the markup line has no tokens. */
export interface CostLine {
  kind: CostLineKind;
  tokens: number;
  ratePerMTok: number;
  costNano: number;
}

/** A cost in integer nano-USD and the lines it is made of (they sum to it exactly). */
export interface Cost {
  costNano: number;
  breakdown: CostLine[];
}

/** How to price beyond the sheet: the tenant's markup and its monthly volume so far. */
export interface CostOptions {
  /** Basis points added on top (2000 = +20 %). */
  markupBps?: number;
  /** The tenant's tokens for this model earlier this month, for volume tiers. */
  monthlyTokens?: number;
}

const PER_MTOK = 1_000_000n;
const BPS = 10_000n;

/**
 * The exact cost of one call. IR usage meanings (packages/protocol/src/ir/usage.ts): `inputTokens` is the
 * whole prompt, cache reads and writes included; `outputTokens` includes reasoning. Each token is priced
 * once, at its most specific rate: cache reads, 5-minute and 1-hour cache writes, then of the uncached
 * rest audio and image input, then text input; of output, reasoning and audio output, then text output.
 *
 * Tiers: the highest volume tier the tenant's month has passed replaces the base rates, then the highest
 * prompt tier the prompt passes (`inputTokens > aboveTokens`) replaces them for the whole request.
 *
 * Rounding: every line is exact in BigInt (tokens × rate × (10000 + markup bps)); the TOTAL is rounded
 * half up to a nano-USD once; the lines are floored and the rounding remainder is handed out by largest
 * remainder, so the breakdown sums to the total exactly.
 *
 * @example
 * computeCost({ inputTokens: 1000, outputTokens: 500 }, { input: 2_500_000_000, output: 10_000_000_000 });
 * // { costNano: 7_500_000, breakdown: [input 2_500_000, output 5_000_000] }
 */
export function computeCost(usage: IrUsage, sheet: PriceSheet, options: CostOptions = {}): Cost {
  const rates = ratesFor(sheet, usage.inputTokens, options.monthlyTokens ?? 0);
  const markup = BigInt(Math.max(0, Math.floor(options.markupBps ?? 0)));
  const lines = pricedLines(usage, rates);
  const exact = lines.map((l) => BigInt(l.tokens) * BigInt(l.ratePerMTok) * BPS);
  const base = lines.reduce((sum, l) => sum + BigInt(l.tokens) * BigInt(l.ratePerMTok), 0n);
  if (markup > 0n) {
    lines.push({ kind: "markup", tokens: 0, ratePerMTok: Number(markup), costNano: 0 });
    exact.push(base * markup);
  }
  const denominator = PER_MTOK * BPS;
  const numerator = exact.reduce((a, b) => a + b, 0n);
  const total = (numerator + denominator / 2n) / denominator;
  distribute(lines, exact, denominator, total);
  return { costNano: Number(total), breakdown: lines };
}

/** The rates a request pays: the base, then the volume tier passed, then the prompt tier passed. */
export function ratesFor(sheet: PriceSheet, promptTokens: number, monthlyTokens: number): PriceRates {
  let rates: PriceRates = sheet;
  let best = -1;
  for (const t of sheet.volumeTiers ?? [])
    if (monthlyTokens > t.aboveMonthlyTokens && t.aboveMonthlyTokens > best) {
      rates = t;
      best = t.aboveMonthlyTokens;
    }
  best = -1;
  for (const t of sheet.promptTiers ?? [])
    if (promptTokens > t.aboveTokens && t.aboveTokens > best) {
      rates = t;
      best = t.aboveTokens;
    }
  return rates;
}

/** A rate with its documented fallback (see PriceRates). */
export function rateOf(rates: PriceRates, kind: Exclude<CostLineKind, "markup">): number {
  switch (kind) {
    case "input":
    case "output":
      return rates[kind];
    case "cacheRead":
    case "cacheWrite5m":
    case "imageInput":
    case "audioInput":
      return rates[kind] ?? rates.input;
    case "cacheWrite1h":
      return rates.cacheWrite1h ?? rates.cacheWrite5m ?? rates.input;
    case "reasoning":
    case "audioOutput":
      return rates[kind] ?? rates.output;
  }
}

function whole(n: number | undefined): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** Splits usage into disjoint parts; a subset larger than its whole (bad upstream data) is clamped. */
export function splitUsage(usage: IrUsage): Record<Exclude<CostLineKind, "markup">, number> {
  const input = whole(usage.inputTokens);
  const cacheRead = Math.min(whole(usage.cacheReadTokens), input);
  const cacheWrite = Math.min(whole(usage.cacheWriteTokens), input - cacheRead);
  const cacheWrite1h = Math.min(whole(usage.cacheWrite1hTokens), cacheWrite);
  const uncached = input - cacheRead - cacheWrite;
  const audioInput = Math.min(whole(usage.audioTokens), uncached);
  const imageInput = Math.min(whole(usage.imageTokens), uncached - audioInput);
  const output = whole(usage.outputTokens);
  const reasoning = Math.min(whole(usage.reasoningTokens), output);
  const audioOutput = Math.min(whole(usage.audioOutputTokens), output - reasoning);
  return {
    input: uncached - audioInput - imageInput,
    cacheRead,
    cacheWrite5m: cacheWrite - cacheWrite1h,
    cacheWrite1h,
    imageInput,
    audioInput,
    output: output - reasoning - audioOutput,
    reasoning,
    audioOutput,
  };
}

function pricedLines(usage: IrUsage, rates: PriceRates): CostLine[] {
  const parts = splitUsage(usage);
  const lines: CostLine[] = [];
  for (const kind of Object.keys(parts) as Array<keyof typeof parts>) {
    const tokens = parts[kind];
    if (tokens > 0) lines.push({ kind, tokens, ratePerMTok: rateOf(rates, kind), costNano: 0 });
  }
  return lines;
}

/** Floors each line, then gives the remainder up to `total` to the lines with the largest fractions. */
function distribute(lines: CostLine[], exact: bigint[], denominator: bigint, total: bigint): void {
  let left = total;
  const fractions: Array<{ i: number; frac: bigint }> = [];
  exact.forEach((e, i) => {
    const floor = e / denominator;
    lines[i]!.costNano = Number(floor);
    left -= floor;
    fractions.push({ i, frac: e % denominator });
  });
  fractions.sort((a, b) => (b.frac > a.frac ? 1 : b.frac < a.frac ? -1 : a.i - b.i));
  for (let k = 0; left > 0n && k < fractions.length; k++, left--) lines[fractions[k]!.i]!.costNano += 1;
}

/** Parses a price in USD per million tokens ("2.50") into integer nano-USD per million tokens. */
export function parseUsdPerMTok(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) throw new Error(`invalid price "${text}": expected USD per million tokens, e.g. 2.50`);
  return Number(m[1]) * 1e9 + Number((m[2] ?? "").padEnd(9, "0"));
}
