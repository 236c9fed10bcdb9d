#!/usr/bin/env node
// Usage storage at scale (docs/usage-storage.md): bulk-loads N synthetic usage records with their rollups
// into SQLite and/or PostgreSQL, then measures the insert rate, the p95 of the overview chart query, of a
// filtered log page, of a CSV export's first page (what its first byte waits for), the database size, and
// the hot-path writer's requests/s before and after migration 0012.
//
//   npm run build -w apps/server   (or npx tsc -b: the bench imports apps/server/dist)
//   node bench/usage-storage.mjs --records 1000000 --dialect both
//   node bench/usage-storage.mjs --records 10000000 --dialect postgres --no-writer
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import Database from "better-sqlite3";
import { CompiledQuery, Kysely } from "kysely";
import { usageCsvRow } from "../apps/server/dist/control-plane/handlers/usage-csv.js";
import { createMigrator } from "../apps/server/dist/store/migrations/create-migrator.js";
import { createPostgresDialect } from "../apps/server/dist/store/postgres-dialect.js";
import { createSqliteDialect } from "../apps/server/dist/store/sqlite-dialect.js";
import {
  latencyBucketSql,
  ROLLUP_GRANULARITIES,
  ROLLUP_TABLES,
  statusClassSql,
} from "../apps/server/dist/store/usage/rollup-layout.js";
import { createUsageAnalyticsRepo } from "../apps/server/dist/store/usage/usage-analytics-repo.js";
import { createUsageLogRepo } from "../apps/server/dist/store/usage/usage-log-repo.js";
import { BIG_TENANT, COLUMNS, MODELS, usageRows } from "./usage-storage-data.mjs";
import { postgresWriterRates, sqliteWriterRates } from "./usage-writer-rate.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const RECORDS = Number(opt("records", 1_000_000));
const DIALECTS = opt("dialect", "both") === "both" ? ["sqlite", "postgres"] : [opt("dialect")];
const WRITER = !args.includes("--no-writer");
const PG_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const WORK = new URL("./.work/usage-storage/", import.meta.url).pathname;
const DAY = 86_400_000;
const END = Date.UTC(2026, 11, 6);
const RUNS = 30;

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1];
async function timed(fn, runs = RUNS) {
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn(i);
    ms.push(performance.now() - s);
  }
  return Number(p95(ms).toFixed(2));
}

/** Rollups from the raw rows, with the writers' own SQL expressions (one INSERT … SELECT per table). */
function rollupSql(table) {
  const width = ROLLUP_GRANULARITIES[table.granularity];
  const lat = Array.from({ length: 16 }, (_, i) => `sum(case when lat = ${i} then 1 else 0 end)`);
  const latCols = Array.from({ length: 16 }, (_, i) => `lat_${String(i).padStart(2, "0")}`);
  const dims = table.dimensions.map((d) =>
    d === "user_id" || d === "provider_id"
      ? `coalesce(${d}, '')`
      : d === "status_class"
        ? statusClassSql("http_status")
        : d,
  );
  const groups = dims.map((_, i) => i + 3).join(", ");
  return `insert into ${table.name} (tenant_id, bucket_start, ${table.dimensions.join(", ")}, requests, errors,
      input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_nano, ${latCols.join(", ")})
    select tenant_id, started_at - started_at % ${width}, ${dims.join(", ")}, count(*),
      sum(case when status <> 'success' then 1 else 0 end), sum(input_tokens), sum(output_tokens),
      sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens), sum(cost_nano), ${lat.join(", ")}
    from (select u.*, ${latencyBucketSql("latency_ms")} as lat from usage_records u) r
    group by 1, 2, ${groups}`;
}

async function loadSqlite(path) {
  const handle = createSqliteDialect(path, { walCheckpointer: false });
  const kdb = new Kysely({ dialect: handle.dialect });
  if ((await createMigrator(kdb).migrateToLatest()).error) throw new Error("migration failed");
  await kdb.destroy();
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insert = db.prepare(
    `insert into usage_records (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`,
  );
  const many = db.transaction((rows) => {
    for (const r of rows) insert.run(r);
  });
  let s = performance.now();
  for (const chunk of usageRows(RECORDS, END, 50_000)) many(chunk);
  const insertSec = (performance.now() - s) / 1000;
  s = performance.now();
  for (const t of ROLLUP_TABLES) db.exec(rollupSql(t));
  const rollupSec = (performance.now() - s) / 1000;
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("analyze");
  db.close();
  const size = statSync(path).size;
  return {
    insertSec,
    rollupSec,
    size,
    kysely: () => new Kysely({ dialect: createSqliteDialect(path, { walCheckpointer: false }).dialect }),
  };
}

async function loadPostgres(schema) {
  const admin = new Kysely({ dialect: createPostgresDialect(PG_URL) });
  await admin.executeQuery(CompiledQuery.raw(`drop schema if exists ${schema} cascade`));
  await admin.executeQuery(CompiledQuery.raw(`create schema ${schema}`));
  const db = new Kysely({ dialect: createPostgresDialect(PG_URL, schema) });
  if ((await createMigrator(db).migrateToLatest()).error) throw new Error("migration failed");
  // The months of the data get their partitions first, as the maintenance job would have made them.
  for (let m = -4; m <= 0; m++) {
    const from = Date.UTC(2026, 11 + m, 1);
    const to = Date.UTC(2026, 12 + m, 1);
    const name = `usage_records_p${new Date(from).getUTCFullYear()}${String(new Date(from).getUTCMonth() + 1).padStart(2, "0")}`;
    await db.executeQuery(
      CompiledQuery.raw(
        `create table if not exists ${name} partition of usage_records for values from (${from}) to (${to})`,
      ),
    );
  }
  const types = [
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "int",
    "bigint",
    "text",
    "int",
    "text",
    "int",
    "int",
    "int",
    "int",
    "int",
    "int",
    "bigint",
    "bigint",
    "int",
    "text",
    "int",
    "text",
  ];
  const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
  const text = `insert into usage_records (${COLUMNS.join(", ")}) select * from unnest(${unnest})`;
  let s = performance.now();
  for (const chunk of usageRows(RECORDS, END, 10_000)) {
    const params = COLUMNS.map((_, c) => chunk.map((r) => r[c]));
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
  const insertSec = (performance.now() - s) / 1000;
  s = performance.now();
  for (const t of ROLLUP_TABLES) await db.executeQuery(CompiledQuery.raw(rollupSql(t)));
  const rollupSec = (performance.now() - s) / 1000;
  await db.executeQuery(CompiledQuery.raw("analyze"));
  const { rows } = await db.executeQuery(
    CompiledQuery.raw(
      `select sum(pg_total_relation_size(c.oid))::bigint as size from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'p')`,
      [schema],
    ),
  );
  await admin.destroy();
  return {
    insertSec,
    rollupSec,
    size: Number(rows[0].size),
    kysely: () => db,
    drop: async () => {
      await db.destroy();
      const a = new Kysely({ dialect: createPostgresDialect(PG_URL) });
      await a.executeQuery(CompiledQuery.raw(`drop schema ${schema} cascade`));
      await a.destroy();
    },
  };
}

async function measureQueries(db) {
  const analytics = createUsageAnalyticsRepo(db, BIG_TENANT);
  const log = createUsageLogRepo(db, BIG_TENANT);
  const last30 = { granularity: "hour", from: END - 30 * DAY, to: END };
  const overview = await timed(() => analytics.series({ ...last30, limit: 720 }));
  const byModel = await timed(async () => {
    const top = await analytics.top({ ...last30, by: "model", limit: 10 });
    await analytics.series({
      ...last30,
      groupBy: "model",
      filters: { model: top.map((t) => t.group) },
      limit: 7200,
    });
  });
  const logPage = await timed((i) => log.page({ model: MODELS[i % MODELS.length], limit: 50 }));
  const keyPage = await timed((i) =>
    log.page({ apiKeyId: `key_0_${i % 20}`, limit: 50, from: END - 7 * DAY }),
  );
  let cursor;
  const deepPage = await timed(async () => {
    const page = await log.page({ status: "error", limit: 50, ...(cursor ? { cursor } : {}) });
    cursor = page.nextCursor ?? undefined;
  });
  const csvFirst = await timed(async () => {
    const page = await log.page({ from: END - DAY, to: END, limit: 1000 });
    page.items.map(usageCsvRow).join("\r\n");
  }, 10);
  return { overview, byModel, logPage, keyPage, deepPage, csvFirst };
}

const results = {
  date: new Date().toISOString(),
  records: RECORDS,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  dialects: {},
};
mkdirSync(WORK, { recursive: true });
for (const dialect of DIALECTS) {
  const r = {};
  if (WRITER)
    r.writer = dialect === "sqlite" ? await sqliteWriterRates(WORK) : await postgresWriterRates(PG_URL);
  console.error(`${dialect}: loading ${RECORDS} records…`);
  const path = `${WORK}/usage-${RECORDS}.db`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  const loaded =
    dialect === "sqlite" ? await loadSqlite(path) : await loadPostgres(`bench_usage_${process.pid}`);
  r.insertRowsPerSec = Math.round(RECORDS / loaded.insertSec);
  r.rollupBuildSec = Number(loaded.rollupSec.toFixed(1));
  r.sizeMiB = Math.round(loaded.size / 2 ** 20);
  const db = loaded.kysely();
  r.p95ms = await measureQueries(db);
  if (dialect === "sqlite") await db.destroy();
  else await loaded.drop();
  results.dialects[dialect] = r;
  console.error(JSON.stringify({ [dialect]: r }));
}
const out = new URL(`./results/usage-storage-${RECORDS}-${results.date.slice(0, 10)}.json`, import.meta.url)
  .pathname;
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
