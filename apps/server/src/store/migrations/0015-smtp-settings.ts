import type { Kysely, Migration } from "kysely";

/**
 * The installation's SMTP server, set by an operator in the console (Settings → Email), overriding
 * GATEHOUSE_SMTP_URL: one row (`id` = "installation"); the password sealed like provider credentials.
 */
export const smtpSettingsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("smtp_settings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("host", "text", (c) => c.notNull())
      .addColumn("port", "integer", (c) => c.notNull())
      // 1: TLS from the start (smtps); 0: STARTTLS when offered.
      .addColumn("secure", "integer", (c) => c.notNull())
      .addColumn("username", "text")
      .addColumn("password_sealed", "text")
      .addColumn("from_address", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("smtp_settings").execute();
  },
};
