import type { PriceSheet, TenantPricing } from "../domain/price-sheet.js";
import type { ProviderKind } from "../domain/provider.js";
import type { PriceCatalog } from "./pricing/price-catalog.js";

/** Where a request's price came from, and the version recorded with its cost. */
export interface ResolvedPrice {
  sheet: PriceSheet;
  /** "book:<model>@<updated ISO>", "model:<model>" or the catalog entry's version id. */
  version: string;
  source: "book" | "model" | "catalog";
}

/** What resolving a price looks at: the tenant's pricing, the routed model and the deployment served. */
export interface PriceQuery {
  pricing: TenantPricing | undefined;
  /** The names the tenant may have priced: the requested name first, then the model's own name. */
  modelNames: readonly string[];
  model: { inputPricePerMTok: number; outputPricePerMTok: number };
  kind: ProviderKind;
  upstreamModel: string;
  /** When the request started (epoch ms): the catalog version in effect then applies. */
  at: number;
}

/**
 * A request's price, most specific first: the tenant's price book entry for the model name > the
 * model's own prices when set (either non-zero) > the shipped catalog's version in effect at the
 * request's start for the deployment's upstream model. Undefined when none has one (unpriced).
 * The tenant's markup is applied by computeCost, not here.
 *
 * @example
 * const price = resolvePrice(catalog, { pricing, modelNames: ["sonnet"], model, kind: "anthropic",
 *   upstreamModel: "claude-sonnet-4-20250514", at: Date.now() });
 */
export function resolvePrice(catalog: PriceCatalog, q: PriceQuery): ResolvedPrice | undefined {
  for (const name of q.modelNames) {
    const entry = q.pricing?.book.get(name);
    if (entry)
      return {
        sheet: entry.prices,
        version: `book:${name}@${new Date(entry.updatedAt).toISOString()}`,
        source: "book",
      };
  }
  const { inputPricePerMTok: input, outputPricePerMTok: output } = q.model;
  if (input > 0 || output > 0)
    return { sheet: { input, output }, version: `model:${q.modelNames.at(-1)}`, source: "model" };
  const hit = catalog.find(q.kind, q.upstreamModel, q.at);
  return hit && { sheet: hit.prices, version: hit.version, source: "catalog" };
}
