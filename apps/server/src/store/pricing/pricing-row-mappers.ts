import {
  DEFAULT_PRICING_SETTINGS,
  type PriceBookEntry,
  type PriceSheet,
  type PricingSettings,
} from "../../domain/price-sheet.js";
import type { PriceBookEntriesTable, PricingSettingsTable } from "../database.js";

/** A price book row → its entry (prices are JSON text). */
export function toPriceBookEntry(row: PriceBookEntriesTable): PriceBookEntry {
  return {
    tenantId: row.tenant_id,
    model: row.model,
    prices: JSON.parse(row.prices) as PriceSheet,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** A settings row → settings; no row → the defaults. */
export function toPricingSettings(row: PricingSettingsTable | undefined): PricingSettings {
  if (!row) return { ...DEFAULT_PRICING_SETTINGS };
  return {
    markupBps: Number(row.markup_bps),
    unpricedModels: row.unpriced_models === "refuse" ? "refuse" : "record",
  };
}
