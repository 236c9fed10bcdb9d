/**
 * Prices of one model, integer nano-USD per million tokens (1 USD = 1e9 nano-USD). Only `input` and
 * `output` are required; an absent rate falls back (see `rateOf` in metering/pricing/compute-cost.ts):
 * cache reads, cache writes, image and audio input → `input`; the 1-hour cache write → the 5-minute one;
 * reasoning and audio output → `output`.
 */
export interface PriceRates {
  input: number;
  output: number;
  cacheRead?: number;
  /** Cache writes with the default 5-minute TTL (Anthropic: 1.25 × input). */
  cacheWrite5m?: number;
  /** Cache writes with the 1-hour TTL (Anthropic: 2 × input). */
  cacheWrite1h?: number;
  /** Reasoning (thinking) tokens, when a provider prices them apart from output. */
  reasoning?: number;
  imageInput?: number;
  audioInput?: number;
  audioOutput?: number;
}

/** A prompt-size tier: when a request's prompt has MORE than `aboveTokens` tokens, every rate switches. */
export interface PromptTier extends PriceRates {
  aboveTokens: number;
}

/**
 * A monthly-volume tier: once the tenant's tokens for the model this calendar month (UTC) have passed
 * `aboveMonthlyTokens` before the request, the request is priced at these rates.
 */
export interface VolumeTier extends PriceRates {
  aboveMonthlyTokens: number;
}

/** A model's whole price: base rates, tiers by prompt size and by monthly volume. */
export interface PriceSheet extends PriceRates {
  promptTiers?: PromptTier[];
  volumeTiers?: VolumeTier[];
}

/** What a tenant does with a request for a model that has no price anywhere. */
export type UnpricedModelsPolicy = "refuse" | "record";

/** A tenant's pricing settings. */
export interface PricingSettings {
  /** Added on top of every cost, in basis points (1 bp = 0.01 %): 2000 = +20 % for a reseller. */
  markupBps: number;
  unpricedModels: UnpricedModelsPolicy;
}

/** The settings of a tenant that never changed them. */
export const DEFAULT_PRICING_SETTINGS: Readonly<PricingSettings> = Object.freeze({
  markupBps: 0,
  unpricedModels: "record",
});

/** One entry of a tenant's price book: the prices it bills for one of its model names. */
export interface PriceBookEntry {
  tenantId: string;
  /** The gateway model name (as clients send it) the prices apply to. */
  model: string;
  prices: PriceSheet;
  createdAt: number;
  updatedAt: number;
}

/** A tenant's pricing as the hot path holds it: its settings and its price book by model name. */
export interface TenantPricing {
  settings: PricingSettings;
  book: ReadonlyMap<string, PriceBookEntry>;
}
