import type { Kysely, Migration } from "kysely";

/**
 * Single sign-on: one OpenID Connect configuration per tenant (the client secret sealed, never in clear)
 * and the logins under way (the state's SHA-256 for lookup, the nonce and PKCE verifier sealed, an expiry
 * and a used mark so a state works once, on any instance).
 */
export const ssoMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("sso_configs")
      .addColumn("tenant_id", "text", (c) => c.primaryKey().references("tenants.id").onDelete("cascade"))
      .addColumn("issuer", "text", (c) => c.notNull())
      .addColumn("client_id", "text", (c) => c.notNull())
      // JSON of a SealedSecret: key id and AES-256-GCM ciphertext.
      .addColumn("client_secret_sealed", "text", (c) => c.notNull())
      .addColumn("client_secret_last_four", "text", (c) => c.notNull())
      // JSON arrays / object.
      .addColumn("extra_scopes", "text", (c) => c.notNull())
      .addColumn("mapping", "text", (c) => c.notNull())
      .addColumn("allowed_domains", "text", (c) => c.notNull())
      .addColumn("jit_provisioning", "integer", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sso_login_states")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("state_hash", "text", (c) => c.notNull().unique())
      // JSON of a SealedSecret holding { nonce, codeVerifier }.
      .addColumn("secrets_sealed", "text", (c) => c.notNull())
      .addColumn("redirect_path", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema
      .createIndex("sso_login_states_tenant_created_idx")
      .on("sso_login_states")
      .columns(["tenant_id", "created_at", "id"])
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("sso_login_states").execute();
    await db.schema.dropTable("sso_configs").execute();
  },
};
