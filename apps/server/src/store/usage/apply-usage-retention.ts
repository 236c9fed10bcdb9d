import { type Kysely, sql } from "kysely";
import type { DB } from "../database.js";
import { ROLLUP_TABLES, type RollupGranularity, rollupKey } from "./rollup-layout.js";
import { dropMonthPartitionsBefore } from "./usage-partitions.js";
import { DEFAULT_USAGE_RETENTION, type UsageRetention } from "./usage-report-types.js";
import { effectiveRetention } from "./usage-retention-repo.js";

const DAY_MS = 86_400_000;

export interface RetentionBudget {
  /** Rows per delete statement (default 5,000): short statements, short locks. */
  batchSize?: number;
  /** Delete statements per run (default 200). */
  maxBatches?: number;
  /** Where the previous run stopped (its report's `resume`): a run continues there, so a budget smaller
   * than the number of tenants still makes progress. */
  resume?: RetentionPosition;
}

/** A point in the run's walk over kinds (raw, minute, hour, day) and tenants (by id). */
export interface RetentionPosition {
  kind: Kind;
  tenantId: string;
}

export interface RetentionReport {
  droppedPartitions: string[];
  deleted: { raw: number; minute: number; hour: number; day: number };
  /** False when the budget ran out before everything past retention was deleted. */
  complete: boolean;
  /** Set when not complete: pass it as the next run's `resume`. */
  resume?: RetentionPosition;
}

type Kind = "raw" | RollupGranularity;
const KINDS: readonly Kind[] = ["raw", "minute", "hour", "day"];
const DAYS_OF: Record<Kind, keyof UsageRetention> = {
  raw: "rawDays",
  minute: "minuteDays",
  hour: "hourDays",
  day: "dayDays",
};

/**
 * Deletes what is past each tenant's retention (usage_retention, defaults for tenants without a row):
 * raw records by started_at (and their prompt captures by created_at) and each rollup granularity by bucket start. On PostgreSQL, month partitions
 * entirely past the LONGEST raw retention of any tenant are dropped first (cheap, frees space at once);
 * the rest goes by bounded, batched deletes, so a run never holds long locks and a big backlog is worked
 * off over several runs. `now` is the caller's clock.
 *
 * @example
 * const report = await applyUsageRetention(db, "postgres", now(), { batchSize: 5_000, maxBatches: 100 });
 */
export async function applyUsageRetention(
  db: Kysely<DB>,
  dialect: "sqlite" | "postgres",
  now: number,
  budget: RetentionBudget = {},
): Promise<RetentionReport> {
  const batchSize = Math.max(1, budget.batchSize ?? 5_000);
  let batchesLeft = Math.max(1, budget.maxBatches ?? 200);
  const tenants = await tenantRetentions(db);
  const report: RetentionReport = {
    droppedPartitions: [],
    deleted: { raw: 0, minute: 0, hour: 0, day: 0 },
    complete: true,
  };
  if (dialect === "postgres") {
    const longest = longestRawRetention(tenants);
    if (longest !== null)
      report.droppedPartitions = await dropMonthPartitionsBefore(db, now - longest * DAY_MS);
  }
  const kinds = KINDS.slice(Math.max(0, KINDS.indexOf(budget.resume?.kind ?? "raw")));
  for (const kind of kinds) {
    for (const [tenantId, retention] of tenants) {
      if (kind === budget.resume?.kind && tenantId < budget.resume.tenantId) continue;
      const days = retention[DAYS_OF[kind]];
      if (days === null) continue;
      const cutoff = now - days * DAY_MS;
      for (const target of targetsOf(kind, dialect)) {
        for (;;) {
          if (batchesLeft === 0) {
            report.complete = false;
            report.resume = { kind, tenantId };
            return report;
          }
          batchesLeft -= 1;
          const n = await deleteBatch(db, target, tenantId, cutoff, batchSize);
          report.deleted[kind] += n;
          if (n < batchSize) break;
        }
      }
    }
  }
  return report;
}

/** Every tenant with its effective retention, by id (one read of tenants, one of settings). */
async function tenantRetentions(db: Kysely<DB>): Promise<Map<string, UsageRetention>> {
  const settings = await db.selectFrom("usage_retention").selectAll().execute();
  const byTenant = new Map(settings.map((s) => [s.tenant_id, s]));
  // Sorted here, not by SQL: the resume position compares ids the way JavaScript does, whatever the
  // database's collation.
  const ids = (await db.selectFrom("tenants").select("id").execute()).map((t) => t.id).sort();
  return new Map(ids.map((id) => [id, effectiveRetention(byTenant.get(id))]));
}

/** The longest raw retention in days, or null when any tenant keeps raw records forever. */
function longestRawRetention(tenants: Map<string, UsageRetention>): number | null {
  let longest = DEFAULT_USAGE_RETENTION.rawDays ?? 0;
  for (const r of tenants.values()) {
    if (r.rawDays === null) return null;
    longest = Math.max(longest, r.rawDays);
  }
  return longest;
}

/** A table retention deletes from: its time column and how a row is addressed. */
interface Target {
  table: string;
  at: string;
  address: string;
}

/**
 * The tables of a kind. A row's address: rowid in SQLite's raw table, the primary key in its rollups
 * (WITHOUT ROWID tables) and in PostgreSQL's partitioned raw table (a ctid is unique only within one
 * partition), else ctid.
 */
function targetsOf(kind: Kind, dialect: "sqlite" | "postgres"): Target[] {
  if (kind === "raw") {
    return [
      {
        table: "usage_records",
        at: "started_at",
        address: dialect === "sqlite" ? "rowid" : "(id, started_at)",
      },
      // Prompt captures (migration 0015) live exactly as long as the raw records they belong to.
      { table: "prompt_captures", at: "created_at", address: "id" },
    ];
  }
  return ROLLUP_TABLES.filter((t) => t.granularity === kind).map((t) => ({
    table: t.name,
    at: "bucket_start",
    address: dialect === "sqlite" ? `(${rollupKey(t).join(", ")})` : "ctid",
  }));
}

async function deleteBatch(
  db: Kysely<DB>,
  { table, at, address }: Target,
  tenantId: string,
  cutoff: number,
  batchSize: number,
): Promise<number> {
  const result = await sql`delete from ${sql.table(table)} where ${sql.raw(address)} in (
      select ${sql.raw(address.replace(/[()]/g, ""))} from ${sql.table(table)}
      where tenant_id = ${tenantId} and ${sql.ref(at)} < ${cutoff} limit ${batchSize})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
