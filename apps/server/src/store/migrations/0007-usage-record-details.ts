import type { Kysely, Migration } from "kysely";

/**
 * What a usage record must carry to be billed exactly and sliced every way (issue 11): the user behind
 * the key, the cache writes made with Anthropic's 1-hour TTL (a subset of `cache_write_tokens`, priced
 * at 2× input instead of 1.25×), image and audio tokens (subsets of the input/output counts, priced apart
 * where a provider does), the price version the cost was computed at, whether the model had no price,
 * how a stream ended, and the total latency.
 */
export const usageRecordDetailsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const columns: [string, "text" | "integer", boolean][] = [
      ["user_id", "text", false],
      ["cache_write_1h_tokens", "integer", true],
      ["image_tokens", "integer", true],
      ["audio_tokens", "integer", true],
      ["price_version", "text", false],
      ["unpriced", "integer", true],
      ["stream_outcome", "text", false],
      ["latency_ms", "integer", false],
    ];
    for (const [name, type, counter] of columns) {
      await db.schema
        .alterTable("usage_records")
        .addColumn(name, type, (c) => (counter ? c.notNull().defaultTo(0) : c))
        .execute();
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const name of [
      "latency_ms",
      "stream_outcome",
      "unpriced",
      "price_version",
      "audio_tokens",
      "image_tokens",
      "cache_write_1h_tokens",
      "user_id",
    ])
      await db.schema.alterTable("usage_records").dropColumn(name).execute();
  },
};
