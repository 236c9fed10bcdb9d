import { ROLLUP_TABLES } from "./rollup-layout.js";
import { FINALIZED_COLUMNS, rollupUpsertSql } from "./rollup-upsert-sql.js";

/** What PostgreSQL's finalize RETURNs for the rollups (usage_records aliased `u`). */
export const FINALIZED_RETURNING = FINALIZED_COLUMNS;

/**
 * One data-modifying CTE per rollup table reading the CTE `source` (the finalize's RETURNING rows), so
 * the records and their rollups change in one statement.
 * See https://www.postgresql.org/docs/15/queries-with.html#QUERIES-WITH-MODIFYING.
 *
 * @example
 * const sql = `with f as (update ... returning ${FINALIZED_RETURNING}), ${rollupUpsertCtes("f")} select 1`;
 */
export function rollupUpsertCtes(source: string): string {
  return ROLLUP_TABLES.map((t) => `add_${t.name} as (${rollupUpsertSql(source, t)})`).join(",\n");
}
