import { type Kysely, sql } from "kysely";
import type {
  CounterKey,
  CounterState,
  HoldLine,
  ReservationLedger,
  ReservationRequest,
  ReserveResult,
} from "../../domain/budget.js";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";

/** A line as a reservation row keeps it: enough to give its hold back. */
interface StoredLine {
  budgetId: string;
  periodStart: number;
  amount: number;
}

/** Spend to add to a counter (the Redis ledger persisting its settled spend). */
export interface SpendDelta extends CounterKey {
  tenantId: string;
  amount: number;
}

/** The SQL ledger plus what the Redis ledger needs of the database (durable spend). */
export interface SqlBudgetLedger extends ReservationLedger {
  /** Adds settled spend to counters (creating them), in one transaction. */
  addSpent(deltas: readonly SpendDelta[]): Promise<void>;
}

class Refused extends Error {
  constructor(readonly index: number) {
    super("refused");
  }
}

/**
 * The reservation ledger in SQL (SQLite and PostgreSQL). A hold is a conditional UPDATE
 * `set reserved = reserved + :x where spent + reserved + :x <= :limit`: PostgreSQL locks the row and
 * re-checks the condition against the latest committed version, SQLite runs one writer at a time, so
 * concurrent reservations can never pass a cap. All lines and the reservation row commit together (lines in
 * a fixed order, so two multi-budget reservations cannot deadlock). Closing a reservation deletes its row
 * first: only the caller whose DELETE removed it moves the counters, so it closes exactly once.
 *
 * @example
 * const ledger = createSqlBudgetLedger(db);
 * await ledger.reserve({ id: "req_1", lines: [{ tenantId, budgetId, periodStart: 0, limit: 1e9, amount: 1e7 }], expiresAt });
 */
export function createSqlBudgetLedger(db: Kysely<DB>): SqlBudgetLedger {
  const close = async (id: string, actual: readonly number[]): Promise<CounterState[] | undefined> =>
    inTransaction(db, async (trx) => {
      const row = await trx
        .deleteFrom("budget_reservations")
        .where("id", "=", id)
        .returning("lines")
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const lines = JSON.parse(row.lines) as StoredLine[];
      const after: CounterState[] = [];
      for (const [i, line] of lines.entries()) {
        const spent = actual[i] ?? 0;
        const counter = await trx
          .updateTable("budget_counters")
          .set({
            reserved: sql<number>`reserved - ${line.amount}`,
            spent: sql<number>`spent + ${spent}`,
          })
          .where("budget_id", "=", line.budgetId)
          .where("period_start", "=", line.periodStart)
          .returning(["spent", "reserved"])
          .executeTakeFirst();
        after.push({ spent: Number(counter?.spent ?? 0), reserved: Number(counter?.reserved ?? 0) });
      }
      return after;
    });

  return {
    async reserve(request: ReservationRequest): Promise<ReserveResult> {
      const ordered = request.lines
        .map((line, index) => ({ line, index }))
        .sort((a, b) => compareKeys(a.line, b.line));
      try {
        await inTransaction(db, async (trx) => {
          for (const { line, index } of ordered) if (!(await hold(trx, line))) throw new Refused(index);
          const stored: StoredLine[] = request.lines.map(({ budgetId, periodStart, amount }) => ({
            budgetId,
            periodStart,
            amount,
          }));
          await trx
            .insertInto("budget_reservations")
            .values({
              id: request.id,
              tenant_id: request.lines[0]?.tenantId ?? "",
              lines: JSON.stringify(stored),
              expires_at: request.expiresAt,
            })
            .execute();
        });
        return { ok: true };
      } catch (err) {
        if (err instanceof Refused) return { ok: false, refused: err.index };
        throw err;
      }
    },
    settle: close,
    async expire(now: number): Promise<number> {
      const due = await db
        .selectFrom("budget_reservations")
        .select("id")
        .where("expires_at", "<=", now)
        .orderBy("expires_at")
        .limit(1000)
        .execute();
      let closed = 0;
      for (const { id } of due) if (await close(id, [])) closed++;
      return closed;
    },
    async read(keys: readonly CounterKey[]): Promise<CounterState[]> {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom("budget_counters")
        .select(["budget_id", "period_start", "spent", "reserved"])
        .where(
          "budget_id",
          "in",
          keys.map((k) => k.budgetId),
        )
        .execute();
      const byKey = new Map(rows.map((r) => [`${r.budget_id}@${Number(r.period_start)}`, r]));
      return keys.map((k) => {
        const r = byKey.get(`${k.budgetId}@${k.periodStart}`);
        return { spent: Number(r?.spent ?? 0), reserved: Number(r?.reserved ?? 0) };
      });
    },
    async addSpent(deltas: readonly SpendDelta[]): Promise<void> {
      if (deltas.length === 0) return;
      await inTransaction(db, async (trx) => {
        for (const d of [...deltas].sort(compareKeys)) {
          await trx
            .insertInto("budget_counters")
            .values({
              budget_id: d.budgetId,
              period_start: d.periodStart,
              tenant_id: d.tenantId,
              spent: d.amount,
              reserved: 0,
            })
            .onConflict((oc) =>
              oc
                .columns(["budget_id", "period_start"])
                .doUpdateSet({ spent: sql<number>`budget_counters.spent + ${d.amount}` }),
            )
            .execute();
        }
      });
    },
  };
}

/** The conditional UPDATE; the counter row is created on its first use (then the UPDATE is tried again). */
async function hold(trx: Kysely<DB>, line: HoldLine): Promise<boolean> {
  if (await conditionalUpdate(trx, line)) return true;
  await trx
    .insertInto("budget_counters")
    .values({
      budget_id: line.budgetId,
      period_start: line.periodStart,
      tenant_id: line.tenantId,
      spent: 0,
      reserved: 0,
    })
    .onConflict((oc) => oc.columns(["budget_id", "period_start"]).doNothing())
    .execute();
  return conditionalUpdate(trx, line);
}

async function conditionalUpdate(trx: Kysely<DB>, line: HoldLine): Promise<boolean> {
  const result = await trx
    .updateTable("budget_counters")
    .set({ reserved: sql<number>`reserved + ${line.amount}` })
    .where("budget_id", "=", line.budgetId)
    .where("period_start", "=", line.periodStart)
    .where(sql<boolean>`spent + reserved + ${line.amount} <= ${line.limit}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function compareKeys(a: CounterKey, b: CounterKey): number {
  if (a.budgetId !== b.budgetId) return a.budgetId < b.budgetId ? -1 : 1;
  return a.periodStart - b.periodStart;
}
