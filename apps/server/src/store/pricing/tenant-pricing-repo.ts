import { sql } from "kysely";
import type { PriceBookEntry, PricingSettings } from "../../domain/price-sheet.js";
import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { paginate } from "../tenancy/paginate.js";
import { toPriceBookEntry, toPricingSettings } from "./pricing-row-mappers.js";
import type { TenantPricingRepo } from "./pricing-types.js";

/**
 * One tenant's price book and pricing settings, every query bound to `tenantId` (see TenantPricingRepo).
 *
 * @example
 * await store.forTenant(tenantId).pricing.putEntry("sonnet", { input: 3e9, output: 15e9 });
 */
export function createTenantPricingRepo({ db, now }: RepoContext, tenantId: string): TenantPricingRepo {
  const getEntry = async (model: string) => {
    const row = await db
      .selectFrom("price_book_entries")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("model", "=", model)
      .executeTakeFirst();
    return row && toPriceBookEntry(row);
  };
  const getSettings = async () =>
    toPricingSettings(
      await db
        .selectFrom("pricing_settings")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst(),
    );
  return {
    getEntry,
    getSettings,
    listBook(page, filter) {
      let q = db.selectFrom("price_book_entries").selectAll().where("tenant_id", "=", tenantId);
      // substr, not LIKE: literal (no wildcards to escape) and case-sensitive on both dialects.
      if (filter?.model)
        q = q.where(sql<string>`substr(model, 1, ${filter.model.length})`, "=", filter.model);
      return paginate(q, page, { at: "created_at", id: "model" }, toPriceBookEntry, (r) => [
        Number(r.created_at),
        r.model,
      ]);
    },
    async putEntry(model, prices) {
      const at = now();
      const json = JSON.stringify(prices);
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto("price_book_entries")
          .values({ tenant_id: tenantId, model, prices: json, created_at: at, updated_at: at })
          .onConflict((oc) =>
            oc.columns(["tenant_id", "model"]).doUpdateSet({ prices: json, updated_at: at }),
          )
          .execute();
        await bumpScope(trx, tenantId, "catalog");
      });
      const saved = await getEntry(model);
      if (!saved) throw new Error("The price book entry just saved is missing.");
      return saved;
    },
    removeEntry(model) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("price_book_entries")
          .where("tenant_id", "=", tenantId)
          .where("model", "=", model)
          .executeTakeFirst();
        const changed = result.numDeletedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, "catalog");
        return changed;
      });
    },
    async updateSettings(patch) {
      const current = await getSettings();
      const next: PricingSettings = {
        markupBps: patch.markupBps ?? current.markupBps,
        unpricedModels: patch.unpricedModels ?? current.unpricedModels,
      };
      if (patch.markupBps === undefined && patch.unpricedModels === undefined) return current;
      const values = { markup_bps: next.markupBps, unpriced_models: next.unpricedModels, updated_at: now() };
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto("pricing_settings")
          .values({ tenant_id: tenantId, ...values })
          .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
          .execute();
        await bumpScope(trx, tenantId, "catalog");
      });
      return next;
    },
    async snapshot() {
      const [rows, settings] = await Promise.all([
        db.selectFrom("price_book_entries").selectAll().where("tenant_id", "=", tenantId).execute(),
        getSettings(),
      ]);
      const book = new Map<string, PriceBookEntry>();
      for (const row of rows) book.set(row.model, toPriceBookEntry(row));
      return { settings, book };
    },
  };
}
