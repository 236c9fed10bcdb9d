import type Database from "better-sqlite3";
import { ROLLUP_TABLES } from "./rollup-layout.js";
import { FINALIZED_COLUMNS, rollupUpsertSql } from "./rollup-upsert-sql.js";

/** Adds the records of these ids (just finalized, in the same transaction) to every rollup table. */
export type ApplyRollups = (finalizedIds: readonly string[]) => void;

/**
 * Prepares one statement per rollup table that reads the batch's finalized records back by id (a JSON
 * array parameter, https://www.sqlite.org/json1.html#jeach) and upserts their grouped sums: SQLite folds
 * the batch in C, one statement per table, instead of one upsert per record and table.
 *
 * @example
 * const apply = prepareSqliteRollupUpserts(database);
 * apply(["req_1", "req_2"]); // inside the transaction that finalized them
 */
export function prepareSqliteRollupUpserts(database: Database.Database): ApplyRollups {
  const source = `(select ${FINALIZED_COLUMNS} from usage_records u
    where u.id in (select value from json_each(?)))`;
  const statements = ROLLUP_TABLES.map((t) => database.prepare(rollupUpsertSql(source, t)));
  return (ids) => {
    if (ids.length === 0) return;
    const json = JSON.stringify(ids);
    for (const statement of statements) statement.run(json);
  };
}
