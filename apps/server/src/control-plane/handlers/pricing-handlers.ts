import type * as C from "@gatehouse/contracts";
import type { ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { PriceBookEntry, PriceSheet } from "../../domain/price-sheet.js";
import type { CatalogEntry, PriceCatalog } from "../../metering/pricing/price-catalog.js";
import { decodeCursor, encodeCursor } from "../../store/tenancy/paginate.js";
import { audit, type CallContext, type ControlPlaneDeps, found, pageOf } from "./control-plane-deps.js";

type Ctx = CallContext & { params: { tenantId: string } };

/**
 * Pricing (docs/pricing.md): the shipped catalog (read-only), the tenant's price book and its pricing
 * settings. Reads need models:read, writes billing:manage; every write is audited, bumps the tenant's
 * catalog revision (the store does) and is propagated before the answer, so the next request is billed
 * at the new price.
 */
export function pricingHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const pricing = (ctx: Ctx) => store.forTenant(ctx.params.tenantId).pricing;
  return {
    "pricing.catalog": async (ctx: Ctx & { query: ParsedQuery<typeof C.listCatalogPrices> }) =>
      catalogPage(deps.prices, ctx.query),
    "pricing.listBook": async (ctx: Ctx & { query: ParsedQuery<typeof C.listPriceBook> }) => {
      const filter = ctx.query.model === undefined ? undefined : { model: ctx.query.model };
      const page = await pricing(ctx).listBook(pageOf(ctx.query), filter);
      return { items: page.items.map(entryView), nextCursor: page.nextCursor };
    },
    "pricing.getEntry": async (ctx: Ctx & { query: ParsedQuery<typeof C.getPriceBookEntry> }) =>
      entryView(found(await pricing(ctx).getEntry(ctx.query.model))),
    "pricing.putEntry": async (ctx: Ctx & { body: ParsedBody<typeof C.putPriceBookEntry> }) => {
      const { model } = ctx.body;
      const prices = checkTiers(stripUndefined(ctx.body.prices) as PriceSheet);
      const before = await pricing(ctx).getEntry(model);
      const after = await pricing(ctx).putEntry(model, prices);
      const target = { kind: "price_book_entry", id: model };
      await audit(
        deps,
        ctx,
        ctx.params.tenantId,
        "pricing.putEntry",
        target,
        before && entryView(before),
        entryView(after),
      );
      await deps.invalidate();
      return entryView(after);
    },
    "pricing.deleteEntry": async (ctx: Ctx & { query: ParsedQuery<typeof C.deletePriceBookEntry> }) => {
      // Idempotent: removing an entry the book does not hold answers 204 too (and audits nothing).
      const { model } = ctx.query;
      const before = await pricing(ctx).getEntry(model);
      if (before === undefined || !(await pricing(ctx).removeEntry(model))) return null;
      const target = { kind: "price_book_entry", id: model };
      await audit(deps, ctx, ctx.params.tenantId, "pricing.deleteEntry", target, entryView(before), null);
      await deps.invalidate();
      return null;
    },
    "pricing.getSettings": async (ctx: Ctx) => pricing(ctx).getSettings(),
    "pricing.updateSettings": async (ctx: Ctx & { body: ParsedBody<typeof C.updatePricingSettings> }) => {
      const before = await pricing(ctx).getSettings();
      const after = await pricing(ctx).updateSettings(stripUndefined(ctx.body));
      const target = { kind: "pricing_settings", id: ctx.params.tenantId };
      await audit(deps, ctx, ctx.params.tenantId, "pricing.updateSettings", target, before, after);
      await deps.invalidate();
      return after;
    },
  };
}

function entryView(e: PriceBookEntry) {
  return { model: e.model, prices: e.prices, createdAt: e.createdAt, updatedAt: e.updatedAt };
}

/** Tier thresholds must differ (two tiers at one threshold would leave the price ambiguous). */
function checkTiers(sheet: PriceSheet): PriceSheet {
  const distinct = (values: number[], field: string) => {
    if (new Set(values).size !== values.length)
      throw new GatewayError("invalid_request", `body.prices.${field}: two tiers share a threshold.`);
  };
  distinct(
    (sheet.promptTiers ?? []).map((t) => t.aboveTokens),
    "promptTiers",
  );
  distinct(
    (sheet.volumeTiers ?? []).map((t) => t.aboveMonthlyTokens),
    "volumeTiers",
  );
  return sheet;
}

function stripUndefined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A page of the shipped catalog, keyset-paginated on the version id (a cursor carries the last one). */
function catalogPage(prices: PriceCatalog, q: ParsedQuery<typeof C.listCatalogPrices>) {
  const needle = q.model?.toLowerCase();
  let list = prices.entries.filter(
    (e) =>
      (q.provider === undefined || e.provider === q.provider) &&
      (needle === undefined || e.models.some((m) => m.toLowerCase().includes(needle))),
  );
  list = [...list].sort((a, b) => a.version.localeCompare(b.version));
  if (q.order === "desc") list.reverse();
  if (q.cursor !== undefined) {
    const [, after] = decodeCursor(q.cursor);
    const past = (v: string) =>
      q.order === "desc" ? v.localeCompare(after) < 0 : v.localeCompare(after) > 0;
    list = list.filter((e) => past(e.version));
  }
  const items = list.slice(0, q.limit);
  const more = list.length > q.limit;
  return {
    items: items.map((e) => catalogView(e, prices.sources)),
    nextCursor: more ? encodeCursor([0, items.at(-1)!.version]) : null,
  };
}

function catalogView(e: CatalogEntry, sources: Readonly<Record<string, string>>) {
  return {
    version: e.version,
    provider: e.provider,
    kinds: e.kinds,
    models: e.models,
    effectiveFrom: e.effectiveFrom,
    prices: e.prices,
    source: sources[e.provider] ?? null,
  };
}
