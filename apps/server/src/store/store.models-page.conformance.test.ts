import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "./test-stores.js";

/** The paginated model listing of the tenant API on every backend: creation order, deployments attached. */
for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`models.listPage on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("pages a tenant's models with their deployments, never another tenant's", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const base = {
        inputPricePerMTok: 1,
        outputPricePerMTok: 2,
        contextWindow: null,
        maxOutputTokens: null,
      };
      const provider = await store.providers.create({
        tenantId: a.tenant.id,
        name: "p",
        kind: "openai",
        baseUrl: "https://x.test/v1",
        credentials: null,
        config: {},
      });
      const names = ["m1", "m2", "m3"];
      for (const name of names) {
        const m = await store.models.create({ tenantId: a.tenant.id, name, ...base });
        await store.models.addDeployment(a.tenant.id, {
          modelId: m.id,
          providerId: provider.id,
          upstreamModel: `up-${name}`,
          weight: 1,
          priority: 0,
        });
      }
      await store.models.create({ tenantId: b.tenant.id, name: "foreign", ...base });
      const first = await store.models.listPage(a.tenant.id, { limit: 2, order: "asc" });
      expect(first.items.map((m) => [m.name, m.deployments.map((d) => d.upstreamModel)])).toEqual([
        ["m1", ["up-m1"]],
        ["m2", ["up-m2"]],
      ]);
      const second = await store.models.listPage(a.tenant.id, {
        limit: 2,
        order: "asc",
        cursor: first.nextCursor!,
      });
      expect(second.items.map((m) => m.name)).toEqual(["m3"]);
      expect(second.nextCursor).toBeNull();
      expect(
        (await store.models.listPage(b.tenant.id, { limit: 50, order: "desc" })).items.map((m) => m.name),
      ).toEqual(["foreign"]);
      const m2 = first.items[1]!;
      expect(await store.models.getWithDeployments(a.tenant.id, m2.id)).toEqual(m2);
      expect(await store.models.getWithDeployments(b.tenant.id, m2.id)).toBeUndefined();
    });
  });
}
