import type { Kysely } from "kysely";
import type { DB } from "./database.js";

/**
 * Runs `fn` in a transaction: a new one, or the one `db` already is. Kysely's `Transaction` refuses
 * `.transaction()`, and a repository built over `store.transaction`'s transaction must still group its own
 * statements; inside an outer transaction they simply join it (no savepoint), so they commit or roll back
 * with it. On PostgreSQL a failed statement aborts the whole outer transaction.
 *
 * @example
 * await inTransaction(db, async (trx) => { await insertRow(trx); await bumpScope(trx, tenantId, "keys"); });
 */
export function inTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
