import type {
  CounterKey,
  CounterState,
  HoldLine,
  ReservationLedger,
  ReservationRequest,
  ReserveResult,
} from "../domain/budget.js";
import type { SqlBudgetLedger } from "../store/budgets/sql-budget-ledger.js";
import { SpendPersister } from "./spend-persister.js";

export interface MemoryBudgetLedgerOptions {
  /** The database's durable spend: read once per counter (its first use), written asynchronously. */
  durable: Pick<SqlBudgetLedger, "read" | "addSpent">;
  onError?: (err: unknown) => void;
  /** How often settled spend is written to the database, ms (1 s by default). */
  persistIntervalMs?: number;
}

interface Open {
  lines: readonly HoldLine[];
  expiresAt: number;
}

/**
 * The reservation ledger of one process (the embedded mode: SQLite, no Redis): counters and holds in
 * memory, so a request waits on no database write. Node runs one reservation's check and hold without
 * interleaving, so every line is held or none. A counter is seeded from the database's durable spend on
 * its first use; settled spend is written back asynchronously ({@link SpendPersister}), so a restart
 * resumes from it. Holds die with the process, as its requests do.
 *
 * @example
 * const ledger = new MemoryBudgetLedger({ durable: store.budgetLedger });
 */
export class MemoryBudgetLedger implements ReservationLedger {
  private readonly counters = new Map<string, CounterState>();
  private readonly open = new Map<string, Open>();
  private readonly persister: SpendPersister;

  constructor(private readonly options: MemoryBudgetLedgerOptions) {
    this.persister = new SpendPersister(
      (d) => options.durable.addSpent(d),
      options.onError ?? (() => {}),
      options.persistIntervalMs,
    );
  }

  async reserve(request: ReservationRequest): Promise<ReserveResult> {
    await this.seed(request.lines);
    // From here to the end, no await: no other reservation can interleave.
    if (this.open.has(request.id)) throw new Error(`reservation ${request.id} already exists`);
    const counters = request.lines.map((l) => this.counters.get(keyOf(l))!);
    const refused = request.lines.findIndex(
      (l, i) => counters[i]!.spent + counters[i]!.reserved + l.amount > l.limit,
    );
    if (refused !== -1) return { ok: false, refused };
    for (const [i, l] of request.lines.entries()) counters[i]!.reserved += l.amount;
    this.open.set(request.id, { lines: request.lines, expiresAt: request.expiresAt });
    return { ok: true };
  }

  async settle(id: string, actual: readonly number[]): Promise<CounterState[] | undefined> {
    const held = this.open.get(id);
    if (held === undefined) return undefined;
    this.open.delete(id);
    return held.lines.map((l, i) => {
      const c = this.counters.get(keyOf(l))!;
      const amount = actual[i] ?? 0;
      c.reserved -= l.amount;
      c.spent += amount;
      this.persister.add({ tenantId: l.tenantId, budgetId: l.budgetId, periodStart: l.periodStart, amount });
      return { ...c };
    });
  }

  async expire(now: number): Promise<number> {
    let closed = 0;
    for (const [id, held] of this.open) if (held.expiresAt <= now && (await this.settle(id, []))) closed++;
    return closed;
  }

  async read(keys: readonly CounterKey[]): Promise<CounterState[]> {
    const missing = keys.filter((k) => !this.counters.has(keyOf(k)));
    const durable = await this.options.durable.read(missing);
    let next = 0;
    return keys.map((k) => {
      const c = this.counters.get(keyOf(k));
      return c ? { ...c } : { spent: durable[next++]?.spent ?? 0, reserved: 0 };
    });
  }

  /** Writes the spend settled so far to the database. */
  flush(): Promise<void> {
    return this.persister.flush();
  }

  /** Writes what is pending and stops the persister. */
  close(): Promise<void> {
    return this.persister.close();
  }

  private async seed(lines: readonly CounterKey[]): Promise<void> {
    const missing = lines.filter((l) => !this.counters.has(keyOf(l)));
    if (missing.length === 0) return;
    const spent = await this.options.durable.read(missing);
    // Another reservation may have seeded it while this one read: the first seed wins.
    for (const [i, l] of missing.entries())
      if (!this.counters.has(keyOf(l)))
        this.counters.set(keyOf(l), { spent: spent[i]?.spent ?? 0, reserved: 0 });
  }
}

function keyOf(k: CounterKey): string {
  return `${k.budgetId}@${k.periodStart}`;
}
