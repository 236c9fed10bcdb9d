import type { Kysely, Migration } from "kysely";

/**
 * Budgets and quotas (docs/budgets.md):
 * - `budgets`: the caps, any number per scope (every one applies); read into an in-memory snapshot.
 * - `budget_counters`: spend and open reservations per budget and period start (a new period is a new
 *   row that starts at zero). The SQL ledger reserves with a conditional UPDATE on it; with Redis it holds
 *   the spend persisted asynchronously, from which Redis counters are rebuilt.
 * - `budget_reservations`: open holds with their expiry (a sweeper releases a crashed instance's).
 * - `budget_notifications`: thresholds (50/80/100 %) already announced, once per budget and period.
 * - `budget_webhooks`: the tenant's threshold webhook (URL and sealed signing secret).
 */
export const budgetsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("budgets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("scope_kind", "text", (c) => c.notNull())
      .addColumn("scope_id", "text", (c) => c.notNull())
      .addColumn("metric", "text", (c) => c.notNull())
      .addColumn("period", "text", (c) => c.notNull())
      .addColumn("cap", "bigint", (c) => c.notNull())
      .addColumn("set_by", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("budgets_scope_idx")
      .on("budgets")
      .columns(["tenant_id", "scope_kind", "scope_id"])
      .execute();
    await db.schema
      .createIndex("budgets_tenant_page_idx")
      .on("budgets")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
    await db.schema
      .createTable("budget_counters")
      .addColumn("budget_id", "text", (c) => c.notNull())
      .addColumn("period_start", "bigint", (c) => c.notNull())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("spent", "bigint", (c) => c.notNull())
      .addColumn("reserved", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("budget_counters_pk", ["budget_id", "period_start"])
      .execute();
    await db.schema
      .createTable("budget_reservations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      // JSON array of {budgetId, periodStart, amount}
      .addColumn("lines", "text", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("budget_reservations_expiry_idx")
      .on("budget_reservations")
      .column("expires_at")
      .execute();
    await db.schema
      .createTable("budget_notifications")
      .addColumn("budget_id", "text", (c) => c.notNull())
      .addColumn("period_start", "bigint", (c) => c.notNull())
      .addColumn("threshold", "integer", (c) => c.notNull())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("budget_notifications_pk", ["budget_id", "period_start", "threshold"])
      .execute();
    await db.schema
      .createTable("budget_webhooks")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("secret_sealed", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const t of ["budget_webhooks", "budget_notifications", "budget_reservations", "budget_counters"])
      await db.schema.dropTable(t).execute();
    await db.schema.dropTable("budgets").execute();
  },
};
