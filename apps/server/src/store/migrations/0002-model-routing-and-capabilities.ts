import type { Kysely, Migration } from "kysely";

type ColumnType = "text" | "integer" | "bigint";

interface NewColumn {
  table: "models" | "deployments";
  name: string;
  type: ColumnType;
  /** NOT NULL with this default, so rows that exist get it; absent means a nullable column. */
  default?: string | number;
}

/**
 * Per-model routing and capability settings, and per-deployment limits and region. JSON values are text
 * on both dialects, booleans integers 0/1. Defaults match `modelSettingDefaults()`, so models created
 * before this migration behave exactly as they did.
 */
const COLUMNS: readonly NewColumn[] = [
  { table: "models", name: "aliases", type: "text", default: "[]" },
  { table: "models", name: "capabilities", type: "text", default: "{}" },
  { table: "models", name: "unsupported_params", type: "text", default: "drop" },
  { table: "models", name: "balance_strategy", type: "text", default: "weighted_random" },
  { table: "models", name: "fallback_models", type: "text", default: "[]" },
  { table: "models", name: "context_fallback_model", type: "text" },
  { table: "models", name: "content_filter_fallback", type: "integer", default: 0 },
  { table: "models", name: "timeouts", type: "text", default: "{}" },
  { table: "deployments", name: "rpm", type: "integer" },
  // Tokens per minute pass 2^31 on large provider quotas.
  { table: "deployments", name: "tpm", type: "bigint" },
  { table: "deployments", name: "region", type: "text" },
];

/**
 * Adds the columns one statement each: SQLite's ALTER TABLE takes a single ADD COLUMN, and a NOT NULL
 * column it adds needs a constant default (https://www.sqlite.org/lang_altertable.html). DROP COLUMN,
 * used by `down`, needs SQLite 3.35 or later (better-sqlite3 12 bundles a newer one).
 */
export const modelRoutingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const c of COLUMNS) {
      await db.schema
        .alterTable(c.table)
        .addColumn(c.name, c.type, (col) =>
          c.default === undefined ? col : col.notNull().defaultTo(c.default),
        )
        .execute();
    }
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const c of [...COLUMNS].reverse()) await db.schema.alterTable(c.table).dropColumn(c.name).execute();
  },
};
