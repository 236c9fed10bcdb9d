import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, testClock } from "../test-stores.js";
import type { BudgetInput } from "./budgets-repo.js";

const monthly = (scopeId: string, limit = 1_000_000_000): BudgetInput => ({
  scopeKind: "workspace",
  scopeId,
  metric: "cost",
  period: "monthly",
  limit,
  setBy: "admin",
});

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`budgets repo on ${target.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await target.open(testClock().now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("creates, reads, changes and removes budgets in their tenant only, bumping the budgets scope", async () => {
      const a = await seedTenant(store, "Acme");
      const b = await seedTenant(store, "Beta");
      const since = await store.revision();
      const budget = await store.budgets.create(a.tenant.id, monthly(a.workspace.id));
      expect(budget).toMatchObject({ tenantId: a.tenant.id, limit: 1_000_000_000, setBy: "admin" });
      expect(budget.id).toMatch(/^bdg_/);
      expect(await store.budgets.get(a.tenant.id, budget.id)).toEqual(budget);
      expect(await store.budgets.get(b.tenant.id, budget.id)).toBeUndefined();
      await expect(store.budgets.setLimit(b.tenant.id, budget.id, 5)).rejects.toMatchObject({
        code: "not_found",
      });
      const changed = await store.budgets.setLimit(a.tenant.id, budget.id, 9_000_000_000_000_000);
      expect(changed.limit).toBe(9_000_000_000_000_000);
      expect(await store.budgets.remove(b.tenant.id, budget.id)).toBe(false);
      const changes = await store.changesSince(since);
      expect(changes.changes).toEqual([{ tenantId: a.tenant.id, kind: "budgets", seq: expect.any(Number) }]);
      expect(await store.budgets.remove(a.tenant.id, budget.id)).toBe(true);
      expect(await store.budgets.listAll()).toEqual([]);
    });

    it("pages a tenant's budgets in creation order, filtered by scope", async () => {
      const a = await seedTenant(store, "Acme");
      const b = await seedTenant(store, "Beta");
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(await store.budgets.create(a.tenant.id, monthly(a.workspace.id, i)));
      await store.budgets.create(a.tenant.id, { ...monthly(a.tenant.id), scopeKind: "tenant" });
      await store.budgets.create(b.tenant.id, monthly(b.workspace.id));
      const first = await store.budgets.page(
        a.tenant.id,
        { limit: 3, order: "asc" },
        { scopeKind: "workspace" },
      );
      const rest = await store.budgets.page(
        a.tenant.id,
        { limit: 3, order: "asc", cursor: first.nextCursor! },
        { scopeKind: "workspace" },
      );
      expect([...first.items, ...rest.items].map((x) => x.id)).toEqual(made.map((x) => x.id));
      expect(rest.nextCursor).toBeNull();
      expect(await store.budgets.listTenant(a.tenant.id)).toHaveLength(6);
      expect(await store.budgets.listAll()).toHaveLength(7);
    });

    it("records each threshold once per budget and period", async () => {
      const a = await seedTenant(store, "Acme");
      const budget = await store.budgets.create(a.tenant.id, monthly(a.workspace.id));
      expect(await store.budgets.markNotified(a.tenant.id, budget.id, 1000, 50)).toBe(true);
      expect(await store.budgets.markNotified(a.tenant.id, budget.id, 1000, 50)).toBe(false);
      expect(await store.budgets.markNotified(a.tenant.id, budget.id, 1000, 80)).toBe(true);
      expect(await store.budgets.markNotified(a.tenant.id, budget.id, 2000, 50)).toBe(true);
      const together = await Promise.all(
        [1, 2, 3].map(() => store.budgets.markNotified(a.tenant.id, budget.id, 3000, 100)),
      );
      expect(together.filter(Boolean)).toHaveLength(1);
    });

    it("keeps one threshold webhook per tenant", async () => {
      const a = await seedTenant(store, "Acme");
      expect(await store.budgets.getWebhook(a.tenant.id)).toBeUndefined();
      await store.budgets.putWebhook(a.tenant.id, "https://a.test/1", "sealed-1");
      const hook = await store.budgets.putWebhook(a.tenant.id, "https://a.test/2", "sealed-2");
      expect(await store.budgets.getWebhook(a.tenant.id)).toEqual(hook);
      expect(hook).toMatchObject({ url: "https://a.test/2", secretSealed: "sealed-2" });
      expect(await store.budgets.deleteWebhook(a.tenant.id)).toBe(true);
      expect(await store.budgets.deleteWebhook(a.tenant.id)).toBe(false);
    });
  });
}
