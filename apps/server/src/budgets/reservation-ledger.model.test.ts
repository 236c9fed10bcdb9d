import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CounterKey, HoldLine } from "../domain/budget.js";
import { findLedgerTargets, type OpenedLedger } from "./testing/ledger-targets.js";

// A model test of DESIGN.md invariant 2 on every ledger: interleaved reservations (some concurrent),
// settlements, crashes (a reservation never settled) and expiry sweeps. After every step the counters
// equal the model's: spent + reserved ≤ limit, each reservation closed exactly once, settled spend = the
// sum of the actual amounts settled.

const LIMITS = [100, 50] as const;
const TTL = 100;

type Op =
  | { kind: "reserve"; amounts: (number | null)[] }
  | { kind: "concurrent"; batch: (number | null)[][] }
  | { kind: "settle"; pick: number; fraction: number }
  | { kind: "crash"; pick: number }
  | { kind: "tick"; ms: number };

const amounts = fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), {
  minLength: 2,
  maxLength: 2,
});
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("reserve" as const), amounts }),
  fc.record({
    kind: fc.constant("concurrent" as const),
    batch: fc.array(amounts, { minLength: 2, maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant("settle" as const),
    pick: fc.nat(),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant("crash" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 150 }) }),
);

interface Open {
  id: string;
  lines: HoldLine[];
  expiresAt: number;
  crashed: boolean;
}

const targets = await findLedgerTargets();
let run = 0;

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`reservation ledger model: ${target.name}`, () => {
    let t: OpenedLedger;
    beforeAll(async () => {
      t = await target.open();
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("keeps spent + reserved ≤ limit, closes each reservation once, settles the actual spend", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
          const r = ++run;
          const keys: CounterKey[] = LIMITS.map((_, i) => ({ budgetId: `m${r}b${i}`, periodStart: 0 }));
          const model = LIMITS.map(() => ({ spent: 0, reserved: 0 }));
          const open: Open[] = [];
          let clock = 1_000;
          let n = 0;
          const linesOf = (a: (number | null)[]): HoldLine[] =>
            a.flatMap((amount, i) =>
              amount === null ? [] : [{ tenantId: "ten_m", ...keys[i]!, limit: LIMITS[i]!, amount }],
            );
          const fits = (lines: HoldLine[]) =>
            lines.every((l) => {
              const m = model[keys.findIndex((k) => k.budgetId === l.budgetId)]!;
              return m.spent + m.reserved + l.amount <= l.limit;
            });
          const hold = (res: Open) => {
            for (const l of res.lines)
              model[keys.findIndex((k) => k.budgetId === l.budgetId)]!.reserved += l.amount;
            open.push(res);
          };
          const close = (res: Open, actual: number[]) => {
            res.lines.forEach((l, i) => {
              const m = model[keys.findIndex((k) => k.budgetId === l.budgetId)]!;
              m.reserved -= l.amount;
              m.spent += actual[i] ?? 0;
            });
            open.splice(open.indexOf(res), 1);
          };
          for (const o of ops) {
            if (o.kind === "reserve") {
              const lines = linesOf(o.amounts);
              if (lines.length === 0) continue;
              const res: Open = { id: `m${r}r${n++}`, lines, expiresAt: clock + TTL, crashed: false };
              const expected = fits(lines);
              const got = await t.ledger.reserve(res);
              expect(got.ok).toBe(expected);
              if (got.ok) hold(res);
            } else if (o.kind === "concurrent") {
              const batch = o.batch
                .map((a) => ({
                  id: `m${r}r${n++}`,
                  lines: linesOf(a),
                  expiresAt: clock + TTL,
                  crashed: false,
                }))
                .filter((b) => b.lines.length > 0);
              const got = await Promise.all(batch.map((b) => t.ledger.reserve(b)));
              for (const [i, g] of got.entries()) if (g.ok) hold(batch[i]!);
            } else if (o.kind === "settle" || o.kind === "crash") {
              const live = open.filter((x) => !x.crashed);
              const res = live[o.pick % Math.max(1, live.length)];
              if (res === undefined) continue;
              if (o.kind === "crash") res.crashed = true;
              else {
                const actual = res.lines.map((l) => Math.floor(l.amount * o.fraction));
                const after = await t.ledger.settle(res.id, actual);
                close(res, actual);
                expect(after).toEqual(
                  res.lines.map((l) => model[keys.findIndex((k) => k.budgetId === l.budgetId)]),
                );
                expect(await t.ledger.settle(res.id, actual)).toBeUndefined();
              }
            } else {
              clock += o.ms;
              const due = open.filter((x) => x.expiresAt <= clock);
              expect(await t.ledger.expire(clock)).toBe(due.length);
              for (const res of due) close(res, []);
            }
            const state = await t.ledger.read(keys);
            expect(state).toEqual(model);
            for (const [i, s] of state.entries())
              expect(s.spent + s.reserved).toBeLessThanOrEqual(LIMITS[i]!);
          }
          // Whatever is left open is a crash: the sweeper's last pass frees it all.
          clock += TTL + 1;
          await t.ledger.expire(clock);
          const end = await t.ledger.read(keys);
          expect(end.map((s) => s.reserved)).toEqual([0, 0]);
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  });
}
