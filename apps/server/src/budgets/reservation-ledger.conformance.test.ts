import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HoldLine } from "../domain/budget.js";
import { findLedgerTargets, type OpenedLedger } from "./testing/ledger-targets.js";

const targets = await findLedgerTargets();
const FAR = Date.UTC(2100, 0, 1);

function line(budgetId: string, limit: number, amount: number, periodStart = 0): HoldLine {
  return { tenantId: "ten_a", budgetId, periodStart, limit, amount };
}

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`reservation ledger: ${target.name}`, () => {
    let t: OpenedLedger;
    beforeEach(async () => {
      t = await target.open();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it("holds within the cap and refuses past it, naming the line, holding nothing", async () => {
      const { ledger } = t;
      expect(await ledger.reserve({ id: "r1", lines: [line("b1", 100, 60)], expiresAt: FAR })).toEqual({
        ok: true,
      });
      const refused = await ledger.reserve({
        id: "r2",
        lines: [line("b2", 1000, 5), line("b1", 100, 41)],
        expiresAt: FAR,
      });
      expect(refused).toEqual({ ok: false, refused: 1 });
      expect(
        await ledger.read([
          { budgetId: "b1", periodStart: 0 },
          { budgetId: "b2", periodStart: 0 },
        ]),
      ).toEqual([
        { spent: 0, reserved: 60 },
        { spent: 0, reserved: 0 },
      ]);
      expect((await ledger.reserve({ id: "r3", lines: [line("b1", 100, 40)], expiresAt: FAR })).ok).toBe(
        true,
      );
    });

    it("settles the actual amount once, releasing the rest; [] releases everything", async () => {
      const { ledger } = t;
      await ledger.reserve({ id: "r1", lines: [line("b1", 100, 60), line("q1", 5000, 900)], expiresAt: FAR });
      await ledger.reserve({ id: "r2", lines: [line("b1", 100, 30)], expiresAt: FAR });
      // The answer is each line's counter after the settlement (r2 still holds 30 of b1).
      expect(await ledger.settle("r1", [25, 700])).toEqual([
        { spent: 25, reserved: 30 },
        { spent: 700, reserved: 0 },
      ]);
      expect(await ledger.settle("r1", [25, 700])).toBeUndefined();
      expect(await ledger.settle("r2", [])).toEqual([{ spent: 25, reserved: 0 }]);
      expect(await ledger.settle("unknown", [1])).toBeUndefined();
      const keys = [
        { budgetId: "b1", periodStart: 0 },
        { budgetId: "q1", periodStart: 0 },
      ];
      expect(await ledger.read(keys)).toEqual([
        { spent: 25, reserved: 0 },
        { spent: 700, reserved: 0 },
      ]);
      expect((await ledger.reserve({ id: "r3", lines: [line("b1", 100, 76)], expiresAt: FAR })).ok).toBe(
        false,
      );
      expect((await ledger.reserve({ id: "r4", lines: [line("b1", 100, 75)], expiresAt: FAR })).ok).toBe(
        true,
      );
    });

    it("keeps each period's counter apart: a new period starts at zero", async () => {
      const { ledger } = t;
      await ledger.reserve({ id: "r1", lines: [line("b1", 100, 100, 1000)], expiresAt: FAR });
      await ledger.settle("r1", [100]);
      expect((await ledger.reserve({ id: "r2", lines: [line("b1", 100, 1, 1000)], expiresAt: FAR })).ok).toBe(
        false,
      );
      expect(
        (await ledger.reserve({ id: "r3", lines: [line("b1", 100, 100, 2000)], expiresAt: FAR })).ok,
      ).toBe(true);
    });

    it("releases expired holds (a crashed instance's) once; a late settle then changes nothing", async () => {
      const { ledger } = t;
      await ledger.reserve({ id: "old", lines: [line("b1", 100, 70)], expiresAt: 1000 });
      await ledger.reserve({ id: "new", lines: [line("b1", 100, 20)], expiresAt: 5000 });
      expect(await ledger.expire(999)).toBe(0);
      expect(await ledger.expire(1000)).toBe(1);
      expect(await ledger.expire(1000)).toBe(0);
      expect(await ledger.settle("old", [70])).toBeUndefined();
      expect(await ledger.read([{ budgetId: "b1", periodStart: 0 }])).toEqual([{ spent: 0, reserved: 20 }]);
    });

    it("never passes the cap under concurrent reservations", async () => {
      const { ledger } = t;
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          ledger.reserve({ id: `c${i}`, lines: [line("b1", 100, 10), line("q1", 1e6, 1)], expiresAt: FAR }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      const [b1, q1] = await ledger.read([
        { budgetId: "b1", periodStart: 0 },
        { budgetId: "q1", periodStart: 0 },
      ]);
      expect(b1).toEqual({ spent: 0, reserved: 100 });
      expect(q1).toEqual({ spent: 0, reserved: 10 });
    });

    it("keeps settled spend durable: counters lost with a restart are rebuilt from the database", async () => {
      await t.ledger.reserve({ id: "r1", lines: [line("b1", 100, 80)], expiresAt: FAR });
      await t.ledger.settle("r1", [80]);
      await t.flush();
      expect(await t.store.budgetLedger.read([{ budgetId: "b1", periodStart: 0 }])).toEqual([
        { spent: 80, reserved: 0 },
      ]);
      await t.loseLiveState?.();
      expect((await t.ledger.reserve({ id: "r2", lines: [line("b1", 100, 21)], expiresAt: FAR })).ok).toBe(
        false,
      );
      expect((await t.ledger.reserve({ id: "r3", lines: [line("b1", 100, 20)], expiresAt: FAR })).ok).toBe(
        true,
      );
    });
  });
}
