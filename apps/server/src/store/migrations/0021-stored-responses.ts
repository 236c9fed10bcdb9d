import type { Kysely, Migration } from "kysely";

/**
 * Stored Responses API answers (issue 14, docs/responses.md), for `previous_response_id` and the
 * `/v1/responses/{id}` endpoints. One row per response the gateway answered with `store` not false: the
 * id is the gateway's own `resp_…` (never the upstream's), scoped to the tenant and the API key that made
 * it; `payload` is one sealed envelope (AES-256-GCM, as provider credentials) holding the conversation
 * needed to continue it and the final `response` object; `key_id` names the master key for rotation.
 * Reads go by (tenant_id, api_key_id, id); the retention sweep deletes by expires_at.
 */
export const storedResponsesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("stored_responses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("api_key_id", "text", (c) => c.notNull())
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("previous_response_id", "text")
      .addColumn("key_id", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("stored_responses_owner_idx")
      .on("stored_responses")
      .columns(["tenant_id", "api_key_id", "id"])
      .execute();
    await db.schema
      .createIndex("stored_responses_expires_idx")
      .on("stored_responses")
      .columns(["expires_at"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("stored_responses").execute();
  },
};
