import type { Kysely, Migration } from "kysely";

/**
 * Tenant-registered providers (issue 10, item 6). `origin` says who registered a provider: "platform"
 * (the operator: CLI, environment, `gatehouse apply`; may reach private addresses) or "tenant" (the
 * tenant API; private addresses refused unless the operator allow-lists them). Existing rows were all
 * registered by the operator. `credentials_last_four` is the only part of a credential ever shown
 * ("…1234"); rows sealed before this migration get it when the rotation command re-seals them. A listing
 * index on (tenant_id, created_at, id) serves the cursor pagination.
 */
export const providerOriginMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("providers")
      .addColumn("origin", "text", (c) => c.notNull().defaultTo("platform"))
      .execute();
    await db.schema.alterTable("providers").addColumn("credentials_last_four", "text").execute();
    await db.schema
      .createIndex("providers_tenant_created_idx")
      .on("providers")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("providers_tenant_created_idx").execute();
    await db.schema.alterTable("providers").dropColumn("credentials_last_four").execute();
    await db.schema.alterTable("providers").dropColumn("origin").execute();
  },
};
