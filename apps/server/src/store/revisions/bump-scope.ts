import { type Kysely, sql } from "kysely";
import { CONFIG_REVISION_KEY, type DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { ALL_TENANTS, type ChangeKind } from "./change-scope.js";

/**
 * Records a configuration change of one tenant and kind (or kinds, for one change that touches several):
 * the global change sequence moves by one and each scope's row takes it. Call it inside the transaction that makes the change, so the change and the bump
 * commit together. On PostgreSQL the sequence row stays locked until commit, so bumps commit in sequence
 * order and a poller reading "seq above N" never skips one that commits late.
 *
 * @example
 * await inTransaction(db, async (trx) => { await insertKey(trx); await bumpScope(trx, tenantId, "keys"); });
 */
export async function bumpScope(
  db: Kysely<DB>,
  tenantId: string,
  kind: ChangeKind | readonly ChangeKind[],
): Promise<number> {
  return bumpRows(db, tenantId, typeof kind === "string" ? [kind] : kind);
}

/**
 * Compatibility for writers that do not say what they changed: records the `*` scope, which makes every
 * instance rebuild all of its snapshots. Prefer {@link bumpScope}.
 *
 * @example
 * await bumpRevision(trx);
 */
export async function bumpRevision(db: Kysely<DB>): Promise<number> {
  return bumpRows(db, ALL_TENANTS, ["all"]);
}

async function bumpRows(db: Kysely<DB>, tenantId: string, kinds: readonly string[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable("meta")
      .set({ value: sql<number>`value + 1` })
      .where("key", "=", CONFIG_REVISION_KEY)
      .execute();
    const seq = await readSequence(trx);
    if (kinds.length === 0) return seq;
    await trx
      .insertInto("config_revisions")
      .values(kinds.map((kind) => ({ tenant_id: tenantId, kind, revision: 1, seq })))
      .onConflict((oc) =>
        oc
          .columns(["tenant_id", "kind"])
          .doUpdateSet({ revision: sql<number>`config_revisions.revision + 1`, seq }),
      )
      .execute();
    return seq;
  });
}

/**
 * The global change sequence (0 on a fresh database): every configuration change moves it.
 *
 * @example
 * const before = await readSequence(db);
 */
export async function readSequence(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", CONFIG_REVISION_KEY)
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}
