import type { Kysely, Migration } from "kysely";

/**
 * Rate limits (docs/limits.md): one row per limit of a tenant, on the tenant itself or one of its
 * workspaces, users or keys (`scope_kind`, `scope_id`), for every model or those a pattern names
 * (`model`, '' for every model, so the unique index holds on both dialects), with any of requests per
 * minute, tokens per minute and concurrent requests. No foreign key on `scope_id` (it names one of
 * several tables); the repository checks it. Indexed by creation order for the paginated listing.
 */
export const rateLimitsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("rate_limits")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("scope_kind", "text", (c) => c.notNull())
      .addColumn("scope_id", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("rpm", "bigint")
      .addColumn("tpm", "bigint")
      .addColumn("concurrency", "bigint")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("rate_limits_scope_model_idx")
      .on("rate_limits")
      .columns(["tenant_id", "scope_kind", "scope_id", "model"])
      .unique()
      .execute();
    await db.schema
      .createIndex("rate_limits_tenant_created_idx")
      .on("rate_limits")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("rate_limits").execute();
  },
};
