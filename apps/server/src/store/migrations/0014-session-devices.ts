import type { Kysely, Migration } from "kysely";

/**
 * Sessions a person can see and end one by one (Settings → Sessions): each refresh token carries its
 * session's sign-in time, user agent and address, copied along every rotation, so the live token of a
 * family describes its session in one row. The index serves "my live sessions, newest sign-in first".
 */
export const sessionDevicesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("refresh_tokens").addColumn("started_at", "bigint").execute();
    await db.schema.alterTable("refresh_tokens").addColumn("user_agent", "text").execute();
    await db.schema.alterTable("refresh_tokens").addColumn("ip", "text").execute();
    await db.schema
      .createIndex("refresh_tokens_user_started_idx")
      .on("refresh_tokens")
      .columns(["user_id", "started_at", "family_id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("refresh_tokens_user_started_idx").execute();
    await db.schema.alterTable("refresh_tokens").dropColumn("ip").execute();
    await db.schema.alterTable("refresh_tokens").dropColumn("user_agent").execute();
    await db.schema.alterTable("refresh_tokens").dropColumn("started_at").execute();
  },
};
