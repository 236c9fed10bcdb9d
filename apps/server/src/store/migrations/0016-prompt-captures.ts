import type { Kysely, Migration } from "kysely";

/**
 * Prompt capture (issue 12), opt-in per tenant. `capture_settings` holds a tenant's switch and bound
 * (no row: off). `prompt_captures` holds, per data-plane request (id = the usage record's id), the
 * request body and the answer the client got, each sealed (AES-256-GCM envelopes, as provider
 * credentials are) and cut at the bound; sizes are the original sizes. Retention deletes by
 * (tenant_id, created_at), hence the index. Numbered 0015: 0014 is taken by another change of issue 12.
 */
export const promptCapturesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("capture_settings")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("max_bytes", "integer", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("prompt_captures")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("key_id", "text", (c) => c.notNull())
      .addColumn("request_body", "text", (c) => c.notNull())
      .addColumn("response_body", "text")
      .addColumn("request_bytes", "integer", (c) => c.notNull())
      .addColumn("response_bytes", "integer", (c) => c.notNull())
      .addColumn("request_truncated", "integer", (c) => c.notNull())
      .addColumn("response_truncated", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("prompt_captures_tenant_created_idx")
      .on("prompt_captures")
      .columns(["tenant_id", "created_at"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("prompt_captures").execute();
    await db.schema.dropTable("capture_settings").execute();
  },
};
