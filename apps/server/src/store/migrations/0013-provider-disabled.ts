import type { Kysely, Migration } from "kysely";

/**
 * A provider can be disabled (issue 12, the console's Providers page): routing leaves it out, as if its
 * deployments were gone, while its credentials, settings and deployments are kept for when it is
 * enabled again. 0 = enabled (every existing row), 1 = disabled.
 */
export const providerDisabledMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("providers")
      .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("providers").dropColumn("disabled").execute();
  },
};
