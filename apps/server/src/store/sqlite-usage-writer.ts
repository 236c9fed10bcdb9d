import type Database from "better-sqlite3";
import type { Kysely } from "kysely";
import type { DB } from "./database.js";
import type { PendingUsage, UsageFinal } from "./store-types.js";
import { uniqueById } from "./unique-by-id.js";
import { prepareSqliteRollupUpserts } from "./usage/sqlite-rollup-upserts.js";
import type { UsageWriter } from "./usage-writer.js";

const INSERT_PENDING = `
  insert into usage_records (id, tenant_id, workspace_id, api_key_id, user_id, model, provider_id,
    deployment_id, upstream_model, surface, stream, started_at, status)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')
  on conflict (id) do nothing`;

const FINALIZE = `
  update usage_records set status = ?, http_status = ?, error_code = ?, input_tokens = ?, output_tokens = ?,
    cache_read_tokens = ?, cache_write_tokens = ?, reasoning_tokens = ?, usage_estimated = ?, cost_nano = ?,
    finished_at = ?, ttfb_ms = ?, attempts = ?, cache_write_1h_tokens = ?, image_tokens = ?, audio_tokens = ?,
    price_version = ?, unpriced = ?, stream_outcome = ?, latency_ms = ?
  where id = ? and status = 'pending'`;

/** The usage writes of one connection, each one transaction; batches are deduplicated by the caller. */
export interface SqliteUsageWrites {
  insertAll: Database.Transaction<(records: PendingUsage[]) => void>;
  finalizeAll: Database.Transaction<(finals: UsageFinal[]) => void>;
  /** Pending records first, then finals, in one transaction: a final whose pending record is in the same
   * batch finds its row, so a batch may carry both halves of a request. */
  writeAll: Database.Transaction<(records: PendingUsage[], finals: UsageFinal[]) => void>;
}

/**
 * SQLite's usage writer: two statements prepared once per connection and run row by row inside one
 * better-sqlite3 transaction. Building one big statement through Kysely costs ~50 µs a row in compile and
 * parse time; a prepared statement runs a row in a few µs. The raw connection is used only while holding
 * Kysely's connection, so no Kysely query or transaction can interleave with the batch. `statements` lets
 * the writers of one connection (the store's and its transactions') share the prepared statements.
 * See https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#transactionfunction---function
 * and https://www.sqlite.org/lang_upsert.html.
 *
 * @example
 * const writer = createSqliteUsageWriter(db, sqlite.database);
 * await writer.insertPending(records);
 */
export function createSqliteUsageWriter(
  db: Kysely<DB>,
  database: () => Database.Database,
  statements: { prepared?: SqliteUsageWrites } = {},
): UsageWriter {
  const write = (use: (p: SqliteUsageWrites) => void) => {
    statements.prepared ??= prepareSqliteUsageWrites(database());
    use(statements.prepared);
  };
  const run = async (use: (p: SqliteUsageWrites) => void) => {
    // Inside `store.transaction` this code already holds the one connection (a Kysely Transaction has no
    // connection()); better-sqlite3 turns its own transaction into a savepoint of the open one.
    if (db.isTransaction) write(use);
    else await db.connection().execute(async () => write(use));
  };
  return {
    async insertPending(records) {
      if (records.length > 0) await run((p) => p.insertAll(uniqueById(records)));
    },
    async finalize(finals) {
      if (finals.length > 0) await run((p) => p.finalizeAll(uniqueById(finals)));
    },
  };
}

/**
 * Prepares the usage statements on a connection (and the rollup upserts the finals feed): the store's own, or the usage writer thread's
 * (metering/spool), so both write exactly the same SQL.
 *
 * @example
 * const writes = prepareSqliteUsageWrites(new Database("data/gatehouse.db"));
 * writes.writeAll(uniqueById(pending), uniqueById(finals));
 */
export function prepareSqliteUsageWrites(database: Database.Database): SqliteUsageWrites {
  const insert = database.prepare(INSERT_PENDING);
  const finalize = database.prepare(FINALIZE);
  const applyRollups = prepareSqliteRollupUpserts(database);
  const insertAll = database.transaction((records: PendingUsage[]) => {
    for (const r of records) {
      insert.run(
        r.id,
        r.tenantId,
        r.workspaceId,
        r.apiKeyId,
        r.userId,
        r.model,
        r.providerId,
        r.deploymentId,
        r.upstreamModel,
        r.surface,
        r.stream ? 1 : 0,
        r.startedAt,
      );
    }
  });
  // Rollups grow only by the rows this batch finalized (a row no longer pending changes nothing), in the
  // same transaction: a repeated or late final adds nothing.
  const finalizeAll = database.transaction((finals: UsageFinal[]) => {
    const finalized: string[] = [];
    for (const f of finals) {
      const { changes } = finalize.run(
        f.status,
        f.httpStatus,
        f.errorCode,
        f.inputTokens,
        f.outputTokens,
        f.cacheReadTokens,
        f.cacheWriteTokens,
        f.reasoningTokens,
        f.usageEstimated ? 1 : 0,
        f.costNano,
        f.finishedAt,
        f.ttfbMs,
        JSON.stringify(f.attempts),
        f.cacheWrite1hTokens,
        f.imageTokens,
        f.audioTokens,
        f.priceVersion,
        f.unpriced ? 1 : 0,
        f.streamOutcome,
        f.latencyMs,
        f.id,
      );
      if (changes === 1) finalized.push(f.id);
    }
    applyRollups(finalized);
  });
  // Nested better-sqlite3 transactions become savepoints: one commit for both halves.
  const writeAll = database.transaction((records: PendingUsage[], finals: UsageFinal[]) => {
    insertAll(records);
    finalizeAll(finals);
  });
  return { insertAll, finalizeAll, writeAll };
}
