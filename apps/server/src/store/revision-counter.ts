import { type Kysely, sql } from "kysely";
import { CONFIG_REVISION_KEY, type DB } from "./database.js";

/**
 * Adds one to the configuration revision. Call it inside the transaction that changes configuration, so
 * the change and the bump commit together and an instance that sees the new revision sees the change.
 *
 * @example
 * await db.transaction().execute(async (trx) => { await insertProvider(trx); await bumpRevision(trx); });
 */
export async function bumpRevision(db: Kysely<DB>): Promise<void> {
  await db
    .updateTable("meta")
    .set({ value: sql<number>`value + 1` })
    .where("key", "=", CONFIG_REVISION_KEY)
    .execute();
}

/**
 * The current configuration revision (0 on a fresh database).
 *
 * @example
 * const before = await readRevision(db);
 */
export async function readRevision(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", CONFIG_REVISION_KEY)
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}
