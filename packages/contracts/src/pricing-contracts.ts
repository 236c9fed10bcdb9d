import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Pricing";
const TenantParams = z.object({ tenantId: Id });

/** Nano-USD (1e-9 USD) per million tokens, an integer: $2.50 per million is 2500000000. */
const Rate = z.number().int("Whole nano-USD.").nonnegative().max(1e15);
const TokenCount = z.number().int().nonnegative().max(1e12);
/** A model name as clients send it (the price book's key). */
const ModelName = z.string().trim().min(1, "Required.").max(200);

const Rates = {
  input: Rate,
  output: Rate,
  /** Cache reads (hits); input price when absent. */
  cacheRead: Rate.optional(),
  /** Cache writes with the default 5-minute TTL (Anthropic: 1.25 × input); input price when absent. */
  cacheWrite5m: Rate.optional(),
  /** Cache writes with the 1-hour TTL (Anthropic: 2 × input); the 5-minute price when absent. */
  cacheWrite1h: Rate.optional(),
  /** Reasoning tokens when priced apart; output price when absent. */
  reasoning: Rate.optional(),
  imageInput: Rate.optional(),
  audioInput: Rate.optional(),
  audioOutput: Rate.optional(),
};

/** A model's prices: base rates, tiers by prompt size and by the tenant's monthly volume. */
export const PriceSheetSchema = z.object({
  ...Rates,
  /** A request whose prompt has more than `aboveTokens` tokens pays these rates for all its tokens. */
  promptTiers: z
    .array(z.object({ aboveTokens: TokenCount, ...Rates }))
    .max(10)
    .optional(),
  /** Once the tenant's tokens for the model this month pass `aboveMonthlyTokens`, these rates apply. */
  volumeTiers: z
    .array(z.object({ aboveMonthlyTokens: TokenCount, ...Rates }))
    .max(10)
    .optional(),
});

/** One version of one model's price in the shipped catalog. */
export const CatalogPriceSchema = z.object({
  /** Recorded on usage records priced by it, e.g. "anthropic/claude-sonnet-4@2025-05-22". */
  version: z.string(),
  provider: z.string(),
  /** Provider kinds that serve these names at this price. */
  kinds: z.array(z.string()),
  /** Upstream model names it prices; `*` = every model of those kinds (local models: free). */
  models: z.array(z.string()),
  effectiveFrom: Timestamp,
  prices: PriceSheetSchema,
  /** The provider's pricing page. */
  source: z.string().nullable(),
});

export const PriceBookEntrySchema = z.object({
  model: z.string(),
  prices: PriceSheetSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PricingSettingsSchema = z.object({
  /** Added to every cost, in basis points: 2000 = +20 % (resellers). */
  markupBps: z.number().int().nonnegative().max(1_000_000),
  /** `refuse`: a request for a model with no price gets 403 model_not_priced; `record`: it is recorded
   * at cost 0, flagged unpriced. */
  unpricedModels: z.enum(["refuse", "record"]),
});

const ModelQuery = z.object({ model: ModelName });

export const listCatalogPrices = defineContract({
  id: "pricing.catalog",
  method: "GET",
  path: "/api/tenants/:tenantId/pricing/catalog",
  tag,
  summary: "List the shipped price catalog (every version), filtered by provider or model name",
  description:
    "Ordered by version id. `provider` matches exactly (openai, anthropic, google, ollama); `model` matches any upstream name containing it, case-insensitively.",
  access: { permission: "models:read" },
  params: TenantParams,
  query: z.object({
    ...PageQuery,
    order: z.enum(["asc", "desc"]).default("asc"),
    provider: z.string().max(50).optional(),
    model: z.string().max(200).optional(),
  }),
  response: pageOf(CatalogPriceSchema),
});

export const listPriceBook = defineContract({
  id: "pricing.listBook",
  method: "GET",
  path: "/api/tenants/:tenantId/pricing/book",
  tag,
  summary: "List the tenant's price book (its own prices per model name, over the catalog)",
  description: "Ordered by creation; `model` keeps entries whose name starts with it.",
  access: { permission: "models:read" },
  params: TenantParams,
  query: z.object({ ...PageQuery, model: z.string().max(200).optional() }),
  response: pageOf(PriceBookEntrySchema),
});

export const getPriceBookEntry = defineContract({
  id: "pricing.getEntry",
  method: "GET",
  path: "/api/tenants/:tenantId/pricing/book/entry",
  tag,
  summary: "The tenant's price for one model name (404 when it has none)",
  access: { permission: "models:read" },
  params: TenantParams,
  query: ModelQuery,
  response: PriceBookEntrySchema,
});

export const putPriceBookEntry = defineContract({
  id: "pricing.putEntry",
  method: "PUT",
  path: "/api/tenants/:tenantId/pricing/book/entry",
  tag,
  summary: "Set the tenant's price for one model name (it wins over the model's prices and the catalog)",
  description: "Prices in integer nano-USD per million tokens. Applies to requests from the next one on.",
  access: { permission: "billing:manage" },
  params: TenantParams,
  body: z.object({ model: ModelName, prices: PriceSheetSchema }),
  response: PriceBookEntrySchema,
});

export const deletePriceBookEntry = defineContract({
  id: "pricing.deleteEntry",
  method: "DELETE",
  path: "/api/tenants/:tenantId/pricing/book/entry",
  tag,
  summary: "Remove the tenant's price for one model name (the model's prices or the catalog apply again)",
  description: "Idempotent: 204 whether or not the book held an entry for the name.",
  access: { permission: "billing:manage" },
  params: TenantParams,
  query: ModelQuery,
  response: Empty,
  status: 204,
});

export const getPricingSettings = defineContract({
  id: "pricing.getSettings",
  method: "GET",
  path: "/api/tenants/:tenantId/pricing/settings",
  tag,
  summary: "The tenant's markup and what happens to requests for unpriced models",
  access: { permission: "models:read" },
  params: TenantParams,
  response: PricingSettingsSchema,
});

export const updatePricingSettings = defineContract({
  id: "pricing.updateSettings",
  method: "PATCH",
  path: "/api/tenants/:tenantId/pricing/settings",
  tag,
  summary: "Change the tenant's markup or unpriced-model policy",
  access: { permission: "billing:manage" },
  params: TenantParams,
  body: PricingSettingsSchema.partial(),
  response: PricingSettingsSchema,
});

export const PRICING_CONTRACTS = [
  listCatalogPrices,
  listPriceBook,
  getPriceBookEntry,
  putPriceBookEntry,
  deletePriceBookEntry,
  getPricingSettings,
  updatePricingSettings,
] as const;
