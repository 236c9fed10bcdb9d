import { z } from "zod";
import type { PriceRates, PriceSheet } from "../../domain/price-sheet.js";
import { parseUsdPerMTok } from "../compute-cost.js";
import { type CatalogEntry, PriceCatalog } from "./price-catalog.js";
import data from "./price-catalog.json" with { type: "json" };

const usd = z.string().regex(/^\d{1,9}(?:\.\d{1,9})?$/);
const rates = z.strictObject({
  input: usd,
  output: usd,
  cacheRead: usd.optional(),
  cacheWrite5m: usd.optional(),
  cacheWrite1h: usd.optional(),
  reasoning: usd.optional(),
  imageInput: usd.optional(),
  audioInput: usd.optional(),
  audioOutput: usd.optional(),
});
const kind = z.enum(["openai", "anthropic", "gemini", "ollama", "bedrock", "azure", "vertex"]);
const fileSchema = z.object({
  sources: z.record(z.string(), z.string()),
  entries: z.array(
    z.strictObject({
      version: z.string().min(1),
      provider: z.string().min(1),
      kinds: z.array(kind).min(1),
      models: z.array(z.string().min(1)).min(1),
      effectiveFrom: z.iso.date(),
      prices: rates,
      promptTiers: z.array(rates.extend({ aboveTokens: z.int().min(0) })).optional(),
    }),
  ),
});

/** The shipped catalog file's contents, checked: the per-provider source URLs and the entries. */
export type PriceCatalogFile = z.infer<typeof fileSchema>;

/**
 * Builds the price catalog from the JSON file shipped with the server (price-catalog.json, imported as
 * a module so `tsc -b` copies it next to the built code). A malformed file throws at start-up: a price
 * list that cannot be read exactly must not bill anything. Version ids must be unique.
 *
 * @example
 * const prices = loadPriceCatalog();
 * prices.find("openai", "gpt-4o", Date.now())?.prices.input; // 2_500_000_000
 */
export function loadPriceCatalog(file: unknown = data): PriceCatalog {
  const parsed = fileSchema.parse(file);
  const seen = new Set<string>();
  const entries: CatalogEntry[] = parsed.entries.map((e) => {
    if (seen.has(e.version)) throw new Error(`price catalog: version ${e.version} appears twice`);
    seen.add(e.version);
    const sheet: PriceSheet = toRates(e.prices);
    if (e.promptTiers)
      sheet.promptTiers = e.promptTiers.map(({ aboveTokens, ...r }) => ({ aboveTokens, ...toRates(r) }));
    return {
      version: e.version,
      provider: e.provider,
      kinds: e.kinds,
      models: e.models,
      effectiveFrom: Date.parse(`${e.effectiveFrom}T00:00:00Z`),
      prices: sheet,
    };
  });
  return new PriceCatalog(entries, parsed.sources);
}

function toRates(r: z.infer<typeof rates>): PriceRates {
  const out: PriceRates = { input: parseUsdPerMTok(r.input), output: parseUsdPerMTok(r.output) };
  for (const k of Object.keys(r) as Array<keyof typeof r>) {
    const v = r[k];
    if (k !== "input" && k !== "output" && v !== undefined) out[k] = parseUsdPerMTok(v);
  }
  return out;
}
