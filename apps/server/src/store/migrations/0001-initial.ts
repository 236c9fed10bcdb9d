import { type Kysely, type Migration, sql } from "kysely";

/**
 * The initial schema, written once for both dialects: only types that SQLite and PostgreSQL share (text,
 * integer, bigint), expression and partial indexes both support, and foreign keys declared inline.
 */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("meta")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "bigint", (c) => c.notNull())
      .execute();
    await sql`insert into meta (key, value) values ('config_revision', 0)`.execute(db);

    await db.schema
      .createTable("tenants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("workspaces")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("workspaces_tenant_idx").on("workspaces").column("tenant_id").execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    // Emails are unique across the installation, whatever their case.
    await db.schema
      .createIndex("users_email_lower_uq")
      .on("users")
      .unique()
      .expression(sql`lower(email)`)
      .execute();
    await db.schema.createIndex("users_tenant_idx").on("users").column("tenant_id").execute();

    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("key_hash", "text", (c) => c.notNull())
      .addColumn("key_prefix", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint")
      .addColumn("revoked_at", "bigint")
      .execute();
    await db.schema.createIndex("api_keys_key_hash_uq").on("api_keys").unique().column("key_hash").execute();
    await db.schema.createIndex("api_keys_tenant_idx").on("api_keys").column("tenant_id").execute();

    await db.schema
      .createTable("providers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("base_url", "text", (c) => c.notNull())
      .addColumn("credentials_key_id", "text")
      .addColumn("credentials_ciphertext", "text")
      .addColumn("config", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addUniqueConstraint("providers_tenant_name_uq", ["tenant_id", "name"])
      .execute();

    await db.schema
      .createTable("models")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("input_price_per_mtok", "bigint", (c) => c.notNull())
      .addColumn("output_price_per_mtok", "bigint", (c) => c.notNull())
      .addColumn("context_window", "integer")
      .addColumn("max_output_tokens", "integer")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addUniqueConstraint("models_tenant_name_uq", ["tenant_id", "name"])
      .execute();

    await db.schema
      .createTable("deployments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("model_id", "text", (c) => c.notNull().references("models.id").onDelete("cascade"))
      .addColumn("provider_id", "text", (c) => c.notNull().references("providers.id").onDelete("cascade"))
      .addColumn("upstream_model", "text", (c) => c.notNull())
      .addColumn("weight", "integer", (c) => c.notNull())
      .addColumn("priority", "integer", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("deployments_model_idx").on("deployments").column("model_id").execute();
    await db.schema.createIndex("deployments_provider_idx").on("deployments").column("provider_id").execute();

    // No foreign keys here on purpose: usage is a ledger that outlives the keys, providers and deployments
    // it names, and the batched hot-path insert should not pay for reference checks.
    await db.schema
      .createTable("usage_records")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("workspace_id", "text", (c) => c.notNull())
      .addColumn("api_key_id", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("provider_id", "text")
      .addColumn("deployment_id", "text")
      .addColumn("upstream_model", "text")
      .addColumn("surface", "text", (c) => c.notNull())
      .addColumn("stream", "integer", (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("http_status", "integer")
      .addColumn("error_code", "text")
      .addColumn("input_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("output_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cache_read_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cache_write_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("reasoning_tokens", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("usage_estimated", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cost_nano", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("finished_at", "bigint")
      .addColumn("ttfb_ms", "integer")
      .addColumn("attempts", "text", (c) => c.notNull().defaultTo("[]"))
      .execute();
    await db.schema
      .createIndex("usage_tenant_started_idx")
      .on("usage_records")
      .columns(["tenant_id", "started_at"])
      .execute();
    // The reconciler scans only pending rows, oldest first; a partial index keeps that scan tiny.
    await db.schema
      .createIndex("usage_pending_started_idx")
      .on("usage_records")
      .column("started_at")
      .where(sql.ref("status"), "=", "pending")
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    const tables = [
      "usage_records",
      "deployments",
      "models",
      "providers",
      "api_keys",
      "users",
      "workspaces",
      "tenants",
      "meta",
    ];
    for (const table of tables) await db.schema.dropTable(table).execute();
  },
};
