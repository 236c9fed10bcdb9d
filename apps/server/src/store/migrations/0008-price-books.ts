import type { Kysely, Migration } from "kysely";

/**
 * Per-tenant pricing (issue 11): the price book (prices a tenant bills for one of its model names, over
 * the shipped catalog; JSON of a PriceSheet in nano-USD per million tokens) and the pricing settings
 * (markup in basis points, what to do with unpriced models). The book is listed in (created_at, model)
 * order, hence its index.
 */
export const priceBooksMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("price_book_entries")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("prices", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("price_book_entries_pk", ["tenant_id", "model"])
      .execute();
    await db.schema
      .createIndex("price_book_entries_tenant_created_idx")
      .on("price_book_entries")
      .columns(["tenant_id", "created_at", "model"])
      .execute();
    await db.schema
      .createTable("pricing_settings")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("markup_bps", "integer", (c) => c.notNull())
      .addColumn("unpriced_models", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("pricing_settings").execute();
    await db.schema.dropTable("price_book_entries").execute();
  },
};
