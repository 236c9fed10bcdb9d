import {
  DEFAULT_PRICING_SETTINGS,
  type PriceBookEntry,
  type TenantPricing,
} from "../../domain/price-sheet.js";
import type { RepoContext } from "../repo-context.js";
import { toPriceBookEntry, toPricingSettings } from "./pricing-row-mappers.js";
import type { PricingStore } from "./pricing-types.js";

/**
 * Every tenant's pricing, read at start-up (and on a full rebuild) for the routing snapshot: two reads.
 *
 * @example
 * const pricing = await store.pricing.listAll(); // tenantId → { settings, book }
 */
export function createPricingStore({ db }: RepoContext): PricingStore {
  return {
    async listAll() {
      const [entries, settings] = await Promise.all([
        db.selectFrom("price_book_entries").selectAll().execute(),
        db.selectFrom("pricing_settings").selectAll().execute(),
      ]);
      const all = new Map<
        string,
        { settings: TenantPricing["settings"]; book: Map<string, PriceBookEntry> }
      >();
      const partOf = (tenantId: string) => {
        let part = all.get(tenantId);
        if (!part) {
          part = { settings: { ...DEFAULT_PRICING_SETTINGS }, book: new Map() };
          all.set(tenantId, part);
        }
        return part;
      };
      for (const row of settings) partOf(row.tenant_id).settings = toPricingSettings(row);
      for (const row of entries) partOf(row.tenant_id).book.set(row.model, toPriceBookEntry(row));
      return all;
    },
  };
}
