import { type Kysely, type Migration, sql } from "kysely";

/**
 * Billing (docs/billing.md): installation-wide plans, each tenant's billing row (its plan, whether it is
 * prepaid, and the credit balance counters), the credit ledger, redemption codes and their redemptions,
 * and the Stripe events already processed (webhooks are idempotent by event id).
 *
 * The balance row holds `ledger_nano` (always the sum of the tenant's ledger entries, kept in the same
 * transaction as each entry), `unflushed_nano` (spend settled but not yet written as an aggregated debit
 * entry) and `reserved_nano` (holds of requests in flight). Available = ledger − unflushed − reserved.
 */
export const billingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("plans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      // JSON array of model patterns (auth/model-pattern.ts)
      .addColumn("models", "text", (c) => c.notNull())
      .addColumn("rpm", "integer")
      .addColumn("tpm", "integer")
      .addColumn("concurrency", "integer")
      .addColumn("included_nano", "bigint")
      .addColumn("included_tokens", "bigint")
      .addColumn("stripe_price_id", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("tenant_billing")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("plan_id", "text", (c) => c.references("plans.id"))
      .addColumn("prepaid", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("ledger_nano", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("unflushed_nano", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("reserved_nano", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("stripe_customer_id", "text")
      .addColumn("stripe_subscription_id", "text")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("tenant_billing_plan_idx").on("tenant_billing").column("plan_id").execute();
    await db.schema
      .createTable("credit_ledger")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      // top_up | debit | refund | adjustment | redemption
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("amount_nano", "bigint", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      // what caused it (a Stripe event id, a redemption code id): unique per tenant, so replays add nothing
      .addColumn("reference", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("credit_ledger_tenant_time_idx")
      .on("credit_ledger")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("credit_ledger_reference_idx")
      .on("credit_ledger")
      .columns(["tenant_id", "reference"])
      .unique()
      .where(sql.ref("reference"), "is not", null)
      .execute();
    await db.schema
      .createTable("redemption_codes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("code_hash", "text", (c) => c.notNull().unique())
      .addColumn("value_nano", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint")
      .addColumn("max_uses", "integer", (c) => c.notNull())
      .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("note", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("redemption_codes_created_idx")
      .on("redemption_codes")
      .columns(["created_at", "id"])
      .execute();
    await db.schema
      .createTable("redemptions")
      .addColumn("code_id", "text", (c) => c.notNull().references("redemption_codes.id").onDelete("cascade"))
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("redemptions_pk", ["code_id", "tenant_id"])
      .execute();
    await db.schema
      .createTable("stripe_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("received_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of [
      "stripe_events",
      "redemptions",
      "redemption_codes",
      "credit_ledger",
      "tenant_billing",
      "plans",
    ])
      await db.schema.dropTable(t).execute();
  },
};
