import { type Kysely, sql } from "kysely";
import type { DB } from "../database.js";
import { toUsageRecord } from "../row-mappers.js";
import type { UsageRecord } from "../store-types.js";
import { decodeCursor, encodeCursor } from "../tenancy/paginate.js";
import type { Page } from "../tenancy-types.js";
import type { UsageLogQuery } from "./usage-report-types.js";

/** Page sizes of the request log: 1–1000. */
const MAX_LIMIT = 1000;

/**
 * A tenant's request log: newest first, keyset-paginated on (started_at, id) with a row-value comparison
 * (`(started_at, id) < (?, ?)`, which both dialects answer from an index), every filter backed by an
 * index whose columns are (tenant_id, filter, started_at, id) (migration 0012). On PostgreSQL a time
 * range prunes the monthly partitions.
 *
 * @example
 * const page = await createUsageLogRepo(db, tenantId).page({ model: "gpt-4o", limit: 50 });
 * const next = await repo.page({ model: "gpt-4o", limit: 50, cursor: page.nextCursor! });
 */
export function createUsageLogRepo(db: Kysely<DB>, tenantId: string) {
  return {
    async page(query: UsageLogQuery): Promise<Page<UsageRecord>> {
      const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(query.limit) || 1));
      let q = db.selectFrom("usage_records").selectAll().where("tenant_id", "=", tenantId);
      if (query.from !== undefined) q = q.where("started_at", ">=", query.from);
      if (query.to !== undefined) q = q.where("started_at", "<", query.to);
      if (query.model !== undefined) q = q.where("model", "=", query.model);
      if (query.apiKeyId !== undefined) q = q.where("api_key_id", "=", query.apiKeyId);
      if (query.userId !== undefined) q = q.where("user_id", "=", query.userId);
      if (query.status !== undefined) q = q.where("status", "=", query.status);
      if (query.providerId !== undefined) q = q.where("provider_id", "=", query.providerId);
      if (query.workspaceIds !== undefined) {
        if (query.workspaceIds.length === 0) return { items: [], nextCursor: null };
        q = q.where("workspace_id", "in", query.workspaceIds);
      }
      if (query.cursor !== undefined && query.cursor !== "") {
        const [at, id] = decodeCursor(query.cursor);
        q = q.where(sql<boolean>`(started_at, id) < (${at}, ${id})`);
      }
      const rows = await q
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const more = rows.length > limit;
      const kept = more ? rows.slice(0, limit) : rows;
      const last = kept.at(-1);
      return {
        items: kept.map(toUsageRecord),
        nextCursor: more && last !== undefined ? encodeCursor([Number(last.started_at), last.id]) : null,
      };
    },
    async get(id: string): Promise<UsageRecord | undefined> {
      const row = await db
        .selectFrom("usage_records")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toUsageRecord(row);
    },
  };
}

export type UsageLogRepo = ReturnType<typeof createUsageLogRepo>;
