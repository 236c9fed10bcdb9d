import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PriceSheet } from "../../domain/price-sheet.js";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";

/**
 * Pricing storage on every backend: a tenant's price book (upserted by model name, its creation time
 * kept, paginated, filtered by prefix, invisible to other tenants), its settings (defaults until set),
 * the snapshots the hot path reads, and a `catalog` revision bump on every write that changes something.
 */

const SONNET: PriceSheet = {
  input: 3_000_000_000,
  output: 15_000_000_000,
  cacheWrite1h: 6_000_000_000,
  promptTiers: [{ aboveTokens: 200_000, input: 6_000_000_000, output: 22_500_000_000 }],
};

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`pricing storage on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("upserts an entry by model name, keeps its creation time, and hides it from other tenants", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const A = store.forTenant(a.tenant.id).pricing;
      const first = await A.putEntry("sonnet", SONNET);
      expect(first).toEqual({
        tenantId: a.tenant.id,
        model: "sonnet",
        prices: SONNET,
        createdAt: first.createdAt,
        updatedAt: first.createdAt,
      });
      clock.t += 1_000;
      const second = await A.putEntry("sonnet", { input: 1, output: 2 });
      expect(second).toMatchObject({ prices: { input: 1, output: 2 }, createdAt: first.createdAt });
      expect(second.updatedAt).toBeGreaterThan(first.createdAt + 999);
      expect(await store.forTenant(b.tenant.id).pricing.getEntry("sonnet")).toBeUndefined();
      expect(await store.forTenant(b.tenant.id).pricing.removeEntry("sonnet")).toBe(false);
      expect(await A.removeEntry("sonnet")).toBe(true);
      expect(await A.getEntry("sonnet")).toBeUndefined();
    });

    it("lists the book in pages, filtered by a literal prefix", async () => {
      const a = await seedTenant(store, "A");
      const A = store.forTenant(a.tenant.id).pricing;
      for (const name of ["gpt-4o", "gpt-4o-mini", "gpt_x", "claude", "gpt-4.1"]) {
        await A.putEntry(name, { input: 1, output: 1 });
      }
      const first = await A.listBook({ limit: 2, order: "asc" });
      expect(first.items.map((e) => e.model)).toEqual(["gpt-4o", "gpt-4o-mini"]);
      const rest = await A.listBook({ limit: 10, order: "asc", cursor: first.nextCursor! });
      expect(rest.items.map((e) => e.model)).toEqual(["gpt_x", "claude", "gpt-4.1"]);
      expect(rest.nextCursor).toBeNull();
      const gpt = await A.listBook({ limit: 10, order: "asc" }, { model: "gpt-" });
      expect(gpt.items.map((e) => e.model)).toEqual(["gpt-4o", "gpt-4o-mini", "gpt-4.1"]);
      const underscore = await A.listBook({ limit: 10, order: "asc" }, { model: "gpt_" });
      expect(underscore.items.map((e) => e.model)).toEqual(["gpt_x"]);
    });

    it("answers default settings until set, changes only given fields, and snapshots everything", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const A = store.forTenant(a.tenant.id).pricing;
      expect(await A.getSettings()).toEqual({ markupBps: 0, unpricedModels: "record" });
      expect(await A.updateSettings({ markupBps: 1500 })).toEqual({
        markupBps: 1500,
        unpricedModels: "record",
      });
      expect(await A.updateSettings({ unpricedModels: "refuse" })).toEqual({
        markupBps: 1500,
        unpricedModels: "refuse",
      });
      await A.putEntry("sonnet", SONNET);
      const snap = await A.snapshot();
      expect(snap.settings).toEqual({ markupBps: 1500, unpricedModels: "refuse" });
      expect(snap.book.get("sonnet")?.prices).toEqual(SONNET);
      const all = await store.pricing.listAll();
      expect(all.get(a.tenant.id)?.settings.markupBps).toBe(1500);
      expect(all.get(a.tenant.id)?.book.size).toBe(1);
      expect(all.has(b.tenant.id)).toBe(false);
    });

    it("bumps the tenant's catalog revision on each change, and not for a change of nothing", async () => {
      const a = await seedTenant(store, "A");
      const A = store.forTenant(a.tenant.id).pricing;
      const changedSince = async (since: number) =>
        (await store.changesSince(since)).changes
          .filter((s) => s.tenantId === a.tenant.id)
          .map((s) => s.kind);
      let rev = await store.revision();
      await A.putEntry("m", { input: 1, output: 1 });
      expect(await changedSince(rev)).toEqual(["catalog"]);
      rev = await store.revision();
      await A.updateSettings({ markupBps: 5 });
      expect(await changedSince(rev)).toEqual(["catalog"]);
      rev = await store.revision();
      await A.updateSettings({});
      expect(await A.removeEntry("missing")).toBe(false);
      expect(await store.revision()).toBe(rev);
      await A.removeEntry("m");
      expect(await changedSince(rev)).toEqual(["catalog"]);
    });
  });
}
