// The hot path's usage writes (a pending insert, then its final, in group-commit batches) measured
// before and after migration 0012 on the same machine: requests/s of the writer alone.
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { CompiledQuery, Kysely } from "kysely";
import { createMigrator } from "../apps/server/dist/store/migrations/create-migrator.js";
import { createPostgresDialect } from "../apps/server/dist/store/postgres-dialect.js";
import { createPostgresUsageWriter } from "../apps/server/dist/store/postgres-usage-writer.js";
import { createSqliteDialect } from "../apps/server/dist/store/sqlite-dialect.js";
import { prepareSqliteUsageWrites } from "../apps/server/dist/store/sqlite-usage-writer.js";
import * as before from "./usage-writer-before.mjs";

const BEFORE_0012 = "0007-usage-record-details";

/** `n` requests as the pipeline writes them: pending halves and finals, in batches of `batch`. */
function* requests(n, batch, now) {
  for (let i = 0; i < n; i += batch) {
    const pending = [];
    const finals = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const t = j % 50;
      const id = `req_w_${j}`;
      pending.push({
        id,
        tenantId: `ten_${t}`,
        workspaceId: `ws_${t}_${j % 3}`,
        apiKeyId: `key_${t}_${j % 20}`,
        userId: `usr_${t}_${j % 10}`,
        model: `model-${j % 8}`,
        providerId: `prv_${j % 3}`,
        deploymentId: `dep_${j % 6}`,
        upstreamModel: "up",
        surface: "openai.chat",
        stream: j % 2 === 0,
        startedAt: now + j,
      });
      finals.push({
        id,
        status: j % 20 === 0 ? "error" : "success",
        httpStatus: j % 20 === 0 ? 502 : 200,
        errorCode: null,
        inputTokens: 500 + (j % 900),
        outputTokens: 100 + (j % 300),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        cacheWrite1hTokens: 0,
        imageTokens: 0,
        audioTokens: 0,
        usageEstimated: false,
        costNano: 12_345 + j,
        priceVersion: "2026-11-01",
        unpriced: false,
        streamOutcome: null,
        finishedAt: now + j + 300,
        ttfbMs: 90,
        latencyMs: 100 + (j % 5000),
        attempts: [{ p: "x", s: 200 }],
      });
    }
    yield { pending, finals };
  }
}

async function migrated(dialect, target) {
  const db = new Kysely({ dialect });
  const result =
    target === "latest"
      ? await createMigrator(db).migrateToLatest()
      : await createMigrator(db).migrateTo(target);
  if (result.error) throw result.error;
  return db;
}

function rate(n, started) {
  return Math.round(n / ((performance.now() - started) / 1000));
}

/** requests/s of SQLite's writer before and after 0012, on files in `dir`. */
export async function sqliteWriterRates(dir, n = 30_000, batch = 256) {
  const out = {};
  for (const phase of ["before", "after"]) {
    const path = `${dir}/writer-${phase}.db`;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    const handle = createSqliteDialect(path, { walCheckpointer: false });
    await (await migrated(handle.dialect, phase === "before" ? BEFORE_0012 : "latest")).destroy();
    const database = new Database(path);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    let write;
    if (phase === "after") {
      const w = prepareSqliteUsageWrites(database);
      write = (p, f) => w.writeAll(p, f);
    } else {
      const ins = database.prepare(before.SQLITE_INSERT);
      const fin = database.prepare(before.SQLITE_FINALIZE);
      write = database.transaction((p, f) => {
        for (const r of p) ins.run(...before.sqlitePendingArgs(r));
        for (const x of f) fin.run(...before.sqliteFinalArgs(x));
      });
    }
    const batches = [...requests(n, batch, Date.now())];
    const started = performance.now();
    // Pendings and finals in separate commits, as the hot path makes them (final comes after the call).
    for (const b of batches) write(b.pending, []);
    for (const b of batches) write([], b.finals);
    out[phase] = rate(n, started);
    database.close();
  }
  return out;
}

/** requests/s of PostgreSQL's writer before and after 0012, each in a schema of its own. */
export async function postgresWriterRates(url, n = 30_000, batch = 256) {
  const out = {};
  for (const phase of ["before", "after"]) {
    const schema = `bench_writer_${phase}_${process.pid}`;
    const admin = new Kysely({ dialect: createPostgresDialect(url) });
    await admin.executeQuery(CompiledQuery.raw(`drop schema if exists ${schema} cascade`));
    await admin.executeQuery(CompiledQuery.raw(`create schema ${schema}`));
    const db = await migrated(
      createPostgresDialect(url, schema),
      phase === "before" ? BEFORE_0012 : "latest",
    );
    const writer =
      phase === "after"
        ? createPostgresUsageWriter(db)
        : {
            insertPending: (rows) =>
              db.executeQuery(CompiledQuery.raw(before.PG_INSERT, before.pgPendingParams(rows))),
            finalize: (rows) =>
              db.executeQuery(CompiledQuery.raw(before.PG_FINALIZE, before.pgFinalParams(rows))),
          };
    const batches = [...requests(n, batch, Date.now())];
    const started = performance.now();
    for (const b of batches) await writer.insertPending(b.pending);
    for (const b of batches) await writer.finalize(b.finals);
    out[phase] = rate(n, started);
    await db.destroy();
    await admin.executeQuery(CompiledQuery.raw(`drop schema ${schema} cascade`));
    await admin.destroy();
  }
  return out;
}
