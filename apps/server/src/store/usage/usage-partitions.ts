import { type Kysely, sql } from "kysely";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";

/** A month partition of usage_records on PostgreSQL: its name and [from, to) in Unix ms. */
export interface MonthPartition {
  name: string;
  from: number;
  to: number;
}

const PARTITION_NAME = /^usage_records_p(\d{4})(\d{2})$/;

/**
 * The month partition holding `at`, `offset` months later.
 *
 * @example
 * monthPartition(Date.UTC(2026, 11, 6)).name; // "usage_records_p202612"
 */
export function monthPartition(at: number, offset = 0): MonthPartition {
  const d = new Date(at);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
  const start = new Date(from);
  const to = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const name = `usage_records_p${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
  return { name, from, to };
}

/** The month partitions usage_records has now (PostgreSQL), oldest first; the default one is not listed. */
export async function listMonthPartitions(db: Kysely<DB>): Promise<MonthPartition[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'usage_records'::regclass`.execute(db);
  return rows
    .map((r) => PARTITION_NAME.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => monthPartition(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
    .sort((a, b) => a.from - b.from);
}

/**
 * Makes sure the month of `now` and the `monthsAhead` after it have their partition (PostgreSQL), so
 * records never pile up in the default partition. Rows already in the default partition for a new
 * month are moved into it in the same transaction (attaching a range the default holds rows of fails).
 * Serialized across instances by an advisory lock. Answers the partitions it created.
 * See https://www.postgresql.org/docs/15/sql-altertable.html#SQL-ALTERTABLE-ATTACH-PARTITION.
 *
 * @example
 * await ensureMonthPartitions(db, Date.now(), 3); // ["usage_records_p202703"] once a month
 */
export async function ensureMonthPartitions(
  db: Kysely<DB>,
  now: number,
  monthsAhead: number,
): Promise<string[]> {
  const wanted = Array.from({ length: monthsAhead + 1 }, (_, i) => monthPartition(now, i));
  const have = new Set((await listMonthPartitions(db)).map((p) => p.name));
  const missing = wanted.filter((p) => !have.has(p.name));
  const created: string[] = [];
  for (const p of missing) {
    const made = await inTransaction(db, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('gatehouse:usage_partitions'))`.execute(trx);
      const { rows } = await sql<{
        found: string | null;
      }>`select to_regclass(${p.name})::text as found`.execute(trx);
      if (rows[0]?.found) return false;
      await sql`create table ${sql.id(p.name)} (like usage_records including defaults)`.execute(trx);
      await sql`with moved as (delete from usage_records_default
          where started_at >= ${sql.lit(p.from)} and started_at < ${sql.lit(p.to)} returning *)
        insert into ${sql.id(p.name)} select * from moved`.execute(trx);
      await sql`alter table usage_records attach partition ${sql.id(p.name)}
        for values from (${sql.lit(p.from)}) to (${sql.lit(p.to)})`.execute(trx);
      return true;
    });
    if (made) created.push(p.name);
  }
  return created;
}

/**
 * Drops the month partitions that end at or before `before` (PostgreSQL): every row in them is past
 * every tenant's raw retention, and dropping a table frees its space at once, where deletes would leave
 * dead rows for vacuum. Answers the partitions dropped.
 *
 * @example
 * await dropMonthPartitionsBefore(db, now - 90 * 86_400_000);
 */
export async function dropMonthPartitionsBefore(db: Kysely<DB>, before: number): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await listMonthPartitions(db)) {
    if (p.to > before) break;
    await inTransaction(db, async (trx) => {
      await sql`alter table usage_records detach partition ${sql.id(p.name)}`.execute(trx);
      await sql`drop table ${sql.id(p.name)}`.execute(trx);
    });
    dropped.push(p.name);
  }
  return dropped;
}
