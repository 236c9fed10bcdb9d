import type { PriceBookEntry, PriceSheet, PricingSettings, TenantPricing } from "../../domain/price-sheet.js";
import type { Page, PageRequest } from "../tenancy-types.js";

/**
 * One tenant's pricing (migration 0008): its price book and its settings. Every write bumps the tenant's
 * `catalog` revision in the same transaction, so instances rebuild that tenant's snapshot (prices are read
 * from memory on the hot path); a removal that matches nothing does not.
 */
export interface TenantPricingRepo {
  /** The book in (created_at, model) order, cursor-paginated; `model` filters by a name prefix. */
  listBook(page: PageRequest, filter?: { model?: string }): Promise<Page<PriceBookEntry>>;
  getEntry(model: string): Promise<PriceBookEntry | undefined>;
  /** Creates or replaces the entry of `model` (its createdAt kept on replace). */
  putEntry(model: string, prices: PriceSheet): Promise<PriceBookEntry>;
  /** false when the book has no entry for `model`. */
  removeEntry(model: string): Promise<boolean>;
  /** The settings; the defaults (no markup, record unpriced) when never set. */
  getSettings(): Promise<PricingSettings>;
  /** Changes the fields given; an empty patch answers the settings unchanged, with no bump. */
  updateSettings(patch: Partial<PricingSettings>): Promise<PricingSettings>;
  /** The whole book and the settings, for the in-memory snapshot. */
  snapshot(): Promise<TenantPricing>;
}

/** Every tenant's pricing at once, for the start-up snapshot. */
export interface PricingStore {
  /** Tenants with a book entry or settings; others have the defaults. */
  listAll(): Promise<Map<string, TenantPricing>>;
}
