import type { Kysely, Migration } from "kysely";

/**
 * Scoped revisions: one row per (tenant, kind of configuration) that changed, stamped with the global
 * change sequence (the `config_revision` counter in `meta`) of its last change. A poller asks for "rows
 * with seq above N" (one indexed query) and rebuilds only those scopes. No foreign key on `tenant_id`:
 * the compatibility scope `*` (an unscoped change, meaning "rebuild everything") has no tenant.
 */
export const scopedRevisionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("config_revisions")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      // keys | catalog | credentials | permissions | all (the `*` compatibility scope only)
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("revision", "bigint", (c) => c.notNull())
      .addColumn("seq", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("config_revisions_pk", ["tenant_id", "kind"])
      .execute();
    await db.schema.createIndex("config_revisions_seq_idx").on("config_revisions").column("seq").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("config_revisions").execute();
  },
};
