import { GatewayError } from "@gatehouse/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Budget, ReservationLedger } from "../domain/budget.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { BudgetBook } from "./budget-book.js";
import { type BudgetAsk, BudgetGuard, type SettledLine } from "./budget-guard.js";

const NOW = Date.UTC(2026, 11, 6, 12); // a Sunday
const ask: BudgetAsk = {
  requestId: "req_1",
  tenantId: "ten_a",
  workspaceId: "ws_a",
  userId: "usr_a",
  keyId: "key_a",
  maxCostNano: 10_000_000,
  maxTokens: 100,
};

function budget(id: string, b: Partial<Budget>): Budget {
  return {
    id,
    tenantId: "ten_a",
    scopeKind: "tenant",
    scopeId: "ten_a",
    metric: "cost",
    period: "monthly",
    limit: 1_000_000_000,
    setBy: "admin",
    createdAt: 0,
    updatedAt: 0,
    ...b,
  };
}

describe("BudgetGuard", () => {
  let store: Store;
  let calls: string[];
  let errors: string[];
  let settled: SettledLine[][];
  let ledger: ReservationLedger;
  const guardOf = (budgets: Budget[], l: ReservationLedger = ledger) =>
    new BudgetGuard({
      ledger: l,
      book: () => BudgetBook.of(budgets),
      now: () => NOW,
      onError: (_err, what) => errors.push(what),
      onSettled: (lines) => settled.push([...lines]),
    });
  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
    calls = [];
    errors = [];
    settled = [];
    const sql = store.budgetLedger;
    ledger = {
      reserve: (r) => {
        calls.push("reserve");
        return sql.reserve(r);
      },
      settle: (id, a) => {
        calls.push("settle");
        return sql.settle(id, a);
      },
      expire: (n) => sql.expire(n),
      read: (k) => sql.read(k),
    };
  });
  afterEach(async () => {
    await store.close();
  });

  it("touches no ledger when no budget applies (another tenant's, another key's)", async () => {
    const guard = guardOf([
      budget("b1", { tenantId: "ten_b", scopeId: "ten_b" }),
      budget("b2", { scopeKind: "key", scopeId: "key_b" }),
    ]);
    (await guard.reserve(ask)).settle(5, 5);
    expect(calls).toEqual([]);
  });

  it("holds every applicable budget and quota at once and settles each in its unit", async () => {
    const all = [
      budget("bk", { scopeKind: "key", scopeId: "key_a", period: "daily" }),
      budget("bu", { scopeKind: "user", scopeId: "usr_a", metric: "tokens", limit: 1000 }),
      budget("bw", { scopeKind: "workspace", scopeId: "ws_a", period: "weekly" }),
      budget("bt", { period: "total" }),
    ];
    const hold = await guardOf(all).reserve(ask);
    const keys = [
      { budgetId: "bk", periodStart: Date.UTC(2026, 11, 6) },
      { budgetId: "bu", periodStart: Date.UTC(2026, 11, 1) },
      { budgetId: "bw", periodStart: Date.UTC(2026, 10, 30) },
      { budgetId: "bt", periodStart: 0 },
    ];
    expect((await ledger.read(keys)).map((c) => c.reserved)).toEqual([
      10_000_000, 100, 10_000_000, 10_000_000,
    ]);
    hold.settle(4_000_000, 60);
    hold.settle(9, 9);
    await expect.poll(() => settled.length).toBe(1);
    expect(settled[0]!.map((l) => [l.budget.id, l.amount, l.spent])).toEqual([
      ["bk", 4_000_000, 4_000_000],
      ["bu", 60, 60],
      ["bw", 4_000_000, 4_000_000],
      ["bt", 4_000_000, 4_000_000],
    ]);
    expect(await ledger.read(keys)).toEqual([
      { spent: 4_000_000, reserved: 0 },
      { spent: 60, reserved: 0 },
      { spent: 4_000_000, reserved: 0 },
      { spent: 4_000_000, reserved: 0 },
    ]);
    expect(calls).toEqual(["reserve", "settle"]);
  });

  it("refuses with budget_exceeded (402) naming the budget, and quota_exceeded (429) until the period ends", async () => {
    const spend = guardOf([
      budget("bw", { scopeKind: "workspace", scopeId: "ws_a", period: "daily", limit: 9_999_999 }),
    ]);
    const err = await spend.reserve(ask).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ code: "budget_exceeded", status: 402 });
    expect((err as Error).message).toBe(
      "This request could cost more than what is left of the daily budget of workspace ws_a ($0.01; budget bw). It resets at 2026-12-07T00:00:00.000Z.",
    );
    const tokens = guardOf([budget("bq", { metric: "tokens", period: "weekly", limit: 99 })]);
    const q = (await tokens.reserve(ask).catch((e: unknown) => e)) as GatewayError;
    expect(q).toMatchObject({ code: "quota_exceeded", status: 429 });
    expect(q.details.retryAfterSeconds).toBe(12 * 3600);
  });

  it("admits the request (and says so) when the ledger fails", async () => {
    const broken: ReservationLedger = { ...ledger, reserve: async () => Promise.reject(new Error("down")) };
    const hold = await guardOf([budget("b", {})], broken).reserve(ask);
    hold.settle(1, 1);
    expect(errors).toEqual(["budget reservation failed; request admitted without one"]);
  });
});
