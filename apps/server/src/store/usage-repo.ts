import type { RepoContext } from "./repo-context.js";
import { toUsageRecord } from "./row-mappers.js";
import type { Store } from "./store.js";
import type { UsageWriter } from "./usage-writer.js";

/** Default and ceiling of `usage.list` page sizes. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * The usage ledger repository: batched pending inserts and finals from the hot path (through the caller's
 * batcher, written by the dialect's {@link UsageWriter}), tenant-scoped reads for the console, and the reconciler's list of stale pending records.
 *
 * @example
 * const stale = await createUsageRepo(ctx, writer).listStalePending(Date.now() - 10 * 60_000, 100);
 */
export function createUsageRepo({ db }: RepoContext, writer: UsageWriter): Store["usage"] {
  return {
    insertPending: (records) => writer.insertPending(records),
    finalize: (finals) => writer.finalize(finals),
    async get(tenantId, id) {
      const row = await db
        .selectFrom("usage_records")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toUsageRecord(row);
    },
    async list(query) {
      let q = db.selectFrom("usage_records").selectAll().where("tenant_id", "=", query.tenantId);
      if (query.apiKeyId !== undefined) q = q.where("api_key_id", "=", query.apiKeyId);
      if (query.status !== undefined) q = q.where("status", "=", query.status);
      if (query.since !== undefined) q = q.where("started_at", ">=", query.since);
      const rows = await q
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(clampLimit(query.limit))
        .execute();
      return rows.map(toUsageRecord);
    },
    async listStalePending(before, limit) {
      const rows = await db
        .selectFrom("usage_records")
        .selectAll()
        .where("status", "=", "pending")
        .where("started_at", "<", before)
        .orderBy("started_at")
        .orderBy("id")
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toUsageRecord);
    },
  };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}
