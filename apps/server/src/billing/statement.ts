import type { LedgerEntry, StatementUsageLine } from "../store/billing/billing-types.js";
import type { Store } from "../store/store.js";
import { parseStatementMonth } from "./statement-month.js";

/** A tenant's monthly statement: usage by workspace and model, the month's credits and debits, totals. */
export interface Statement {
  tenantId: string;
  tenantName: string;
  /** `YYYY-MM`. */
  month: string;
  from: number;
  to: number;
  usage: (StatementUsageLine & { workspaceName: string })[];
  entries: LedgerEntry[];
  totals: {
    requests: number;
    inputTokens: number;
    outputTokens: number;
    costNano: bigint;
    creditsNano: bigint;
    debitsNano: bigint;
  };
  /** A list was cut at its bound (the statement says so). */
  truncated: boolean;
}

/**
 * Reads a month's statement: the usage aggregated in SQL (store.billing.statement) with workspace names,
 * the ledger entries of the month, and totals summed in BigInt.
 *
 * @example
 * const statement = await buildStatement(store, tenantId, "2026-11");
 */
export async function buildStatement(store: Store, tenantId: string, month: string): Promise<Statement> {
  const { from, to } = parseStatementMonth(month);
  const [tenant, data, workspaces] = await Promise.all([
    store.tenants.get(tenantId),
    store.billing.statement(tenantId, from, to),
    store.workspaces.list(tenantId),
  ]);
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const totals = {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    costNano: 0n,
    creditsNano: 0n,
    debitsNano: 0n,
  };
  for (const line of data.usage) {
    totals.requests += line.requests;
    totals.inputTokens += line.inputTokens;
    totals.outputTokens += line.outputTokens;
    totals.costNano += BigInt(line.costNano);
  }
  for (const e of data.entries) {
    if (e.amountNano >= 0) totals.creditsNano += BigInt(e.amountNano);
    else totals.debitsNano += BigInt(-e.amountNano);
  }
  return {
    tenantId,
    tenantName: tenant?.name ?? tenantId,
    month,
    from,
    to,
    usage: data.usage.map((l) => ({ ...l, workspaceName: names.get(l.workspaceId) ?? l.workspaceId })),
    entries: data.entries,
    totals,
    truncated: data.truncated,
  };
}
