import type { Kysely, Migration } from "kysely";

/**
 * Tools of chat presets (issue 13, docs/chat.md "Presets"): `tools` holds the preset's function tools in
 * OpenAI's Chat Completions shape as JSON (validated by the contract: at most 32, 64 KB). Existing
 * presets get none (`[]`). No index: the column is only read with its row.
 */
export const chatPresetToolsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("chat_presets")
      .addColumn("tools", "text", (c) => c.notNull().defaultTo("[]"))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("chat_presets").dropColumn("tools").execute();
  },
};
