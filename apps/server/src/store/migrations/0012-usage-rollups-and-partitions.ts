import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * Usage storage that stays fast (issue 11, docs/usage-storage.md):
 * - rollup tables per minute, hour and day, keyed by tenant, bucket and every chart dimension, with
 *   counters and a 16-bucket latency histogram; the usage writers add to them as records settle;
 * - per-tenant retention settings (`usage_retention`; a missing row means the documented defaults);
 * - indexes for every filter of the request log (keyset on started_at, id);
 * - PostgreSQL: `usage_records` becomes a table partitioned by month on `started_at` (primary key
 *   (id, started_at), a default partition so an insert never fails), converted without listing columns.
 * The constants are written out here, not imported, so later code changes cannot alter this migration.
 */
const LATENCY_COLUMNS = Array.from({ length: 16 }, (_, i) => `lat_${String(i).padStart(2, "0")}`);
const COARSE = ["workspace_id", "model", "provider_id", "status_class"];
const KEYED = ["workspace_id", "api_key_id", "user_id", "model", "provider_id", "status_class"];
/** The coarse rollups (few rows per bucket: every chart without key or user) and the keyed ones. */
const ROLLUPS: [string, string[]][] = [
  ["usage_rollup_minute", COARSE],
  ["usage_rollup_hour", COARSE],
  ["usage_rollup_day", COARSE],
  ["usage_rollup_hour_keys", KEYED],
  ["usage_rollup_day_keys", KEYED],
];
const COUNTERS = [
  "requests",
  "errors",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_nano",
  ...LATENCY_COLUMNS,
];
/**
 * The request log's filters with an index, each after the tenant and before (started_at, id), the keyset
 * order. Every index costs the hot path's inserts (see docs/usage-storage.md); the provider filter has
 * none: a tenant has few providers, so newest-first on (tenant_id, started_at) finds a page quickly.
 */
const LOG_FILTERS = ["api_key_id", "model", "status", "user_id", "workspace_id"];
const MONTHS_AHEAD = 3;

export const usageRollupsAndPartitionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    if (postgres) await partitionUsageRecords(db);
    await db.schema.dropIndex("usage_tenant_started_idx").ifExists().execute();
    await db.schema
      .createIndex("usage_tenant_started_idx")
      .on("usage_records")
      .columns(["tenant_id", "started_at", "id"])
      .execute();
    for (const filter of LOG_FILTERS) {
      await db.schema
        .createIndex(`usage_tenant_${filter}_started_idx`)
        .on("usage_records")
        .columns(["tenant_id", filter, "started_at", "id"])
        .execute();
    }
    for (const [name, dimensions] of ROLLUPS) {
      let table = db.schema.createTable(name);
      // SQLite: the rows live in the primary key's b-tree, so an upsert writes one b-tree, not two.
      // See https://www.sqlite.org/withoutrowid.html.
      if (!postgres) table = table.modifyEnd(sql`without rowid`);
      table = table.addColumn("tenant_id", "text", (c) => c.notNull());
      table = table.addColumn("bucket_start", "bigint", (c) => c.notNull());
      for (const column of dimensions) table = table.addColumn(column, "text", (c) => c.notNull());
      for (const column of COUNTERS)
        table = table.addColumn(column, "bigint", (c) => c.notNull().defaultTo(0));
      await table
        .addPrimaryKeyConstraint(`${name}_pk`, ["tenant_id", "bucket_start", ...dimensions] as never)
        .execute();
    }
    await db.schema
      .createTable("usage_retention")
      .addColumn("tenant_id", "text", (c) => c.primaryKey())
      .addColumn("raw_days", "integer")
      .addColumn("minute_days", "integer")
      .addColumn("hour_days", "integer")
      .addColumn("day_days", "integer")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("usage_retention").execute();
    for (const [name] of ROLLUPS) await db.schema.dropTable(name).execute();
    for (const filter of LOG_FILTERS)
      await db.schema.dropIndex(`usage_tenant_${filter}_started_idx`).execute();
    await db.schema.dropIndex("usage_tenant_started_idx").execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) await unpartitionUsageRecords(db);
    await db.schema
      .createIndex("usage_tenant_started_idx")
      .on("usage_records")
      .columns(["tenant_id", "started_at"])
      .execute();
  },
};

/**
 * LIKE copies every column with its default whatever migrations added before, so this never lists them.
 * Months from the oldest record to MONTHS_AHEAD after today get a partition; older or later rows land in
 * the default partition until the partition job makes theirs. See
 * https://www.postgresql.org/docs/15/ddl-partitioning.html#DDL-PARTITIONING-DECLARATIVE.
 */
async function partitionUsageRecords(db: Kysely<unknown>): Promise<void> {
  await sql`create table usage_records_partitioned (like usage_records including defaults)
    partition by range (started_at)`.execute(db);
  await sql`alter table usage_records_partitioned add constraint usage_records_partitioned_pkey
    primary key (id, started_at)`.execute(db);
  await sql`create table usage_records_default partition of usage_records_partitioned default`.execute(db);
  const { rows } = await sql<{ oldest: string | number | null }>`
    select min(started_at) as oldest from usage_records`.execute(db);
  const now = new Date();
  const oldest = rows[0]?.oldest == null ? now : new Date(Number(rows[0].oldest));
  let year = oldest.getUTCFullYear();
  let month = oldest.getUTCMonth();
  const lastYear = now.getUTCFullYear();
  const lastMonth = now.getUTCMonth() + MONTHS_AHEAD;
  while (year * 12 + month <= lastYear * 12 + lastMonth) {
    const from = Date.UTC(year, month, 1);
    const to = Date.UTC(year, month + 1, 1);
    const name = `usage_records_p${year}${String(month + 1).padStart(2, "0")}`;
    await sql`create table ${sql.id(name)} partition of usage_records_partitioned
      for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  await sql`insert into usage_records_partitioned select * from usage_records`.execute(db);
  await sql`drop table usage_records`.execute(db);
  await sql`alter table usage_records_partitioned rename to usage_records`.execute(db);
  await sql`alter index usage_records_partitioned_pkey rename to usage_records_pkey`.execute(db);
  // The reconciler's partial index (migration 0001) went with the old table.
  await sql`create index usage_pending_started_idx on usage_records (started_at)
    where status = 'pending'`.execute(db);
}

async function unpartitionUsageRecords(db: Kysely<unknown>): Promise<void> {
  await sql`create table usage_records_plain (like usage_records including defaults)`.execute(db);
  await sql`insert into usage_records_plain select * from usage_records`.execute(db);
  await sql`drop table usage_records`.execute(db);
  await sql`alter table usage_records_plain rename to usage_records`.execute(db);
  await sql`alter table usage_records add constraint usage_records_pkey primary key (id)`.execute(db);
  await sql`create index usage_pending_started_idx on usage_records (started_at)
    where status = 'pending'`.execute(db);
}
