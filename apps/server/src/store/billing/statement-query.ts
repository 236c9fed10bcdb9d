import { sql } from "kysely";
import type { RepoContext } from "../repo-context.js";
import { toLedgerEntry } from "./billing-row-mappers.js";
import type { LedgerEntry, StatementUsageLine } from "./billing-types.js";

/** At most this many ledger entries are listed on one statement (debits are aggregated per flush). */
export const STATEMENT_MAX_ENTRIES = 5000;
/** At most this many workspace × model lines on one statement. */
export const STATEMENT_MAX_LINES = 5000;

export interface StatementData {
  usage: StatementUsageLine[];
  entries: LedgerEntry[];
  /** Whether a list was cut at its bound. */
  truncated: boolean;
}

/**
 * A tenant's usage for [from, to) aggregated by workspace and model in SQL (one range read on the
 * `(tenant_id, started_at)` index, grouped in the database, never the raw rows), and the ledger entries of
 * the same range.
 *
 * @example
 * const data = await readStatementData(ctx, tenantId, Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1));
 */
export async function readStatementData(
  { db }: RepoContext,
  tenantId: string,
  from: number,
  to: number,
): Promise<StatementData> {
  const usage = await db
    .selectFrom("usage_records")
    .select([
      "workspace_id",
      "model",
      sql<number>`count(*)`.as("requests"),
      sql<number>`coalesce(sum(input_tokens), 0)`.as("input_tokens"),
      sql<number>`coalesce(sum(output_tokens), 0)`.as("output_tokens"),
      sql<number>`coalesce(sum(cost_nano), 0)`.as("cost_nano"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("started_at", ">=", from)
    .where("started_at", "<", to)
    .where("status", "<>", "pending")
    .groupBy(["workspace_id", "model"])
    .orderBy("workspace_id")
    .orderBy("model")
    .limit(STATEMENT_MAX_LINES + 1)
    .execute();
  const entries = await db
    .selectFrom("credit_ledger")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .orderBy("created_at")
    .orderBy("id")
    .limit(STATEMENT_MAX_ENTRIES + 1)
    .execute();
  return {
    usage: usage.slice(0, STATEMENT_MAX_LINES).map((r) => ({
      workspaceId: r.workspace_id,
      model: r.model,
      requests: Number(r.requests),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      costNano: Number(r.cost_nano),
    })),
    entries: entries.slice(0, STATEMENT_MAX_ENTRIES).map(toLedgerEntry),
    truncated: usage.length > STATEMENT_MAX_LINES || entries.length > STATEMENT_MAX_ENTRIES,
  };
}
