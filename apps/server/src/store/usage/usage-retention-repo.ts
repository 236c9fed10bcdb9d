import type { Kysely } from "kysely";
import type { DB, UsageRetentionTable } from "../database.js";
import { DEFAULT_USAGE_RETENTION, type UsageRetention } from "./usage-report-types.js";

/** Longest retention a tenant may set (10 years); 0 is stored for "forever", null for "the default". */
export const MAX_RETENTION_DAYS = 3650;

const FIELDS = [
  ["rawDays", "raw_days"],
  ["minuteDays", "minute_days"],
  ["hourDays", "hour_days"],
  ["dayDays", "day_days"],
] as const;

/**
 * A tenant's usage retention setting: `get` answers the effective days (defaults filled in, null =
 * forever); `set` changes the kinds given (a number of days, or null = keep forever) and keeps the rest.
 *
 * @example
 * await createUsageRetentionRepo(db, now, tenantId).set({ rawDays: 30 });
 */
export function createUsageRetentionRepo(db: Kysely<DB>, now: () => number, tenantId: string) {
  const read = () =>
    db.selectFrom("usage_retention").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst();
  return {
    async get(): Promise<UsageRetention> {
      return effectiveRetention(await read());
    },
    async set(patch: Partial<UsageRetention>): Promise<UsageRetention> {
      const row: UsageRetentionTable = {
        tenant_id: tenantId,
        raw_days: null,
        minute_days: null,
        hour_days: null,
        day_days: null,
        ...(await read()),
        updated_at: now(),
      };
      for (const [field, column] of FIELDS) {
        const value = patch[field];
        if (value !== undefined) row[column] = value === null ? 0 : value;
      }
      await db
        .insertInto("usage_retention")
        .values(row)
        .onConflict((oc) => oc.column("tenant_id").doUpdateSet(row))
        .execute();
      return effectiveRetention(row);
    },
  };
}

/**
 * The days a stored row means: a missing row or a null column is the default, 0 is forever (null).
 *
 * @example
 * effectiveRetention(undefined).rawDays; // 90
 */
export function effectiveRetention(row: Partial<UsageRetentionTable> | undefined): UsageRetention {
  const out = { ...DEFAULT_USAGE_RETENTION };
  for (const [field, column] of FIELDS) {
    const stored = row?.[column];
    if (stored === null || stored === undefined) continue;
    out[field] = Number(stored) === 0 ? null : Number(stored);
  }
  return out;
}

export type UsageRetentionRepo = ReturnType<typeof createUsageRetentionRepo>;
