import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock, testKeyInput } from "../test-stores.js";

/**
 * Rate limits on every backend: scoped to their tenant (a foreign scope or id is not found), unique per
 * scope and model, validated, paginated, and every change bumps the tenant's `limits` revision.
 */
for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`rate limits on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      clock.step = 0;
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("creates, reads, updates and removes a limit, bumping the tenant's limits revision each time", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const repo = store.forTenant(tenant.id).rateLimits;
      const before = await store.revision();
      const rule = await repo.create({
        scopeKind: "workspace",
        scopeId: workspace.id,
        model: "gpt-4o*",
        rpm: 60,
      });
      expect(rule).toEqual({
        id: expect.stringMatching(/^rl_/),
        tenantId: tenant.id,
        scopeKind: "workspace",
        scopeId: workspace.id,
        model: "gpt-4o*",
        rpm: 60,
        tpm: null,
        concurrency: null,
        createdAt: clock.t,
        updatedAt: clock.t,
      });
      const created = await store.changesSince(before);
      expect(created.changes.map((c) => [c.tenantId, c.kind])).toEqual([[tenant.id, "limits"]]);
      expect(await repo.get(rule.id)).toEqual(rule);

      clock.t += 1000;
      const updated = await repo.update(rule.id, { tpm: 2_000_000_000_000, model: null });
      expect(updated).toMatchObject({ model: null, rpm: 60, tpm: 2_000_000_000_000, updatedAt: clock.t });
      expect(await repo.get(rule.id)).toEqual(updated);
      const seq = await store.revision();
      expect(await repo.update(rule.id, {})).toEqual(updated);
      expect(await store.revision()).toBe(seq);

      expect(await store.rateLimits.listAll()).toEqual([updated]);
      expect(await repo.remove(rule.id)).toBe(true);
      expect(await repo.remove(rule.id)).toBe(false);
      expect(await repo.get(rule.id)).toBeUndefined();
      expect(await store.revision()).toBe(seq + 1);
    });

    it("checks the scope belongs to the tenant", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const repo = store.forTenant(a.tenant.id).rateLimits;
      const bKey = await store.apiKeys.create(testKeyInput(b.tenant.id, b.workspace.id));
      const aKey = await store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
      for (const [scopeKind, scopeId] of [
        ["workspace", b.workspace.id],
        ["user", b.owner.id],
        ["key", bKey.id],
        ["tenant", b.tenant.id],
      ] as const) {
        await expect(repo.create({ scopeKind, scopeId, rpm: 1 })).rejects.toMatchObject({
          code: "not_found",
        });
      }
      await repo.create({ scopeKind: "tenant", scopeId: a.tenant.id, concurrency: 5 });
      await repo.create({ scopeKind: "user", scopeId: a.owner.id, rpm: 5 });
      await repo.create({ scopeKind: "key", scopeId: aKey.id, tpm: 5 });
      expect(await store.forTenant(b.tenant.id).rateLimits.all()).toEqual([]);
      const [first] = await repo.all();
      expect(await store.forTenant(b.tenant.id).rateLimits.get(first!.id)).toBeUndefined();
      expect(await store.forTenant(b.tenant.id).rateLimits.remove(first!.id)).toBe(false);
    });

    it("refuses a second limit of one scope and model, and bad values", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const repo = store.forTenant(tenant.id).rateLimits;
      await repo.create({ scopeKind: "workspace", scopeId: workspace.id, rpm: 10 });
      await repo.create({ scopeKind: "workspace", scopeId: workspace.id, model: "gpt-4o", rpm: 10 });
      await expect(
        repo.create({ scopeKind: "workspace", scopeId: workspace.id, rpm: 3 }),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      const bad = [{}, { rpm: 0 }, { tpm: -1 }, { concurrency: 1.5 }];
      for (const values of bad) {
        await expect(
          repo.create({ scopeKind: "workspace", scopeId: workspace.id, model: "x", ...values }),
        ).rejects.toMatchObject({ code: "invalid_request" });
      }
      const [one] = await repo.all();
      await expect(repo.update(one!.id, { rpm: null })).rejects.toMatchObject({ code: "invalid_request" });
      expect(await repo.update("rl_missing", { rpm: 1 })).toBeUndefined();
    });

    it("lists in creation order, a page at a time, filtered by scope", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const repo = store.forTenant(tenant.id).rateLimits;
      const made = [];
      for (let i = 0; i < 5; i++) {
        clock.t += 1;
        made.push(
          await repo.create({ scopeKind: "workspace", scopeId: workspace.id, model: `m${i}`, rpm: i + 1 }),
        );
      }
      await repo.create({ scopeKind: "user", scopeId: owner.id, rpm: 1 });
      const first = await repo.list({ limit: 2, order: "asc" }, { scopeKind: "workspace" });
      expect(first.items.map((r) => r.id)).toEqual([made[0]!.id, made[1]!.id]);
      const rest = await repo.list(
        { limit: 10, order: "asc", cursor: first.nextCursor! },
        { scopeId: workspace.id },
      );
      expect(rest.items.map((r) => r.id)).toEqual(made.slice(2).map((r) => r.id));
      expect(rest.nextCursor).toBeNull();
      expect((await repo.list({ limit: 10, order: "asc" })).items).toHaveLength(6);
    });
  });
}
