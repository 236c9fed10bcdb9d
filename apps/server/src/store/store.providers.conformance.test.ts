import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import type { ProviderInput } from "./store-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "./test-stores.js";

/**
 * Tenant-registered providers in the store (migration 0005), on every backend: origin and credential hint,
 * caller-chosen ids, updates (revision, conflicts, tenant scoping), the paginated listing, and the
 * compare-and-swap the key rotation relies on.
 */
function input(tenantId: string, name: string, extra: Partial<ProviderInput> = {}): ProviderInput {
  return {
    tenantId,
    name,
    kind: "openai",
    baseUrl: "https://api.example.test/v1",
    credentials: { keyId: "k1", ciphertext: `c-${name}` },
    credentialsLastFour: "…abcd",
    config: {},
    ...extra,
  };
}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`providers (tenant API) on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("keeps a chosen id, the origin (platform by default) and the hint; no hint without credentials", async () => {
      const { tenant } = await seedTenant(store, "A");
      const byTenant = await store.providers.create(
        input(tenant.id, "byok", { id: "prv_00000000000000000001", origin: "tenant" }),
      );
      expect(byTenant).toMatchObject({
        id: "prv_00000000000000000001",
        origin: "tenant",
        credentialsLastFour: "…abcd",
      });
      expect(await store.providers.get(tenant.id, byTenant.id)).toEqual(byTenant);
      const platform = await store.providers.create(input(tenant.id, "ops", { credentials: null }));
      expect(platform).toMatchObject({ origin: "platform", credentialsLastFour: null, credentials: null });
      expect(await store.providers.get(tenant.id, platform.id)).toEqual(platform);
    });

    it("updates only the given fields within the tenant, bumping the revision, refusing a taken name", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const p = await store.providers.create(input(a.tenant.id, "one"));
      await store.providers.create(input(a.tenant.id, "two"));
      const revision = await store.revision();
      expect(await store.providers.update(b.tenant.id, p.id, { name: "x" })).toBeUndefined();
      expect(await store.revision()).toBe(revision);
      const moved = await store.providers.update(a.tenant.id, p.id, {
        baseUrl: "https://other.test/v1",
        config: { region: "eu" },
        origin: "tenant",
        credentials: { sealed: { keyId: "k2", ciphertext: "new" }, lastFour: "…wxyz" },
      });
      expect(moved).toMatchObject({
        name: "one",
        baseUrl: "https://other.test/v1",
        config: { region: "eu" },
        origin: "tenant",
        credentials: { keyId: "k2", ciphertext: "new" },
        credentialsLastFour: "…wxyz",
      });
      expect(await store.revision()).toBe(revision + 1);
      await expect(store.providers.update(a.tenant.id, p.id, { name: "two" })).rejects.toMatchObject({
        code: "conflict",
      });
      const cleared = await store.providers.update(a.tenant.id, p.id, { credentials: null });
      expect(cleared).toMatchObject({ credentials: null, credentialsLastFour: null });
      expect(await store.providers.get(a.tenant.id, p.id)).toEqual(cleared);
    });

    it("pages a tenant's providers in creation order, never another tenant's", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const names = ["p1", "p2", "p3", "p4", "p5"];
      for (const n of names) await store.providers.create(input(a.tenant.id, n));
      await store.providers.create(input(b.tenant.id, "foreign"));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.providers.listPage(a.tenant.id, {
          limit: 2,
          order: "asc",
          ...(cursor === undefined ? {} : { cursor }),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((p) => p.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(names);
      const desc = await store.providers.listPage(a.tenant.id, { limit: 200, order: "desc" });
      expect(desc.items.map((p) => p.name)).toEqual([...names].reverse());
    });

    it("walks every tenant's sealed credentials by id and swaps them only when unchanged, without a bump", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const p1 = await store.providers.create(input(a.tenant.id, "one"));
      const p2 = await store.providers.create(input(b.tenant.id, "two", { credentialsLastFour: null }));
      await store.providers.create(input(a.tenant.id, "none", { credentials: null }));
      const all = await store.providers.listSealed("", 1);
      expect(all).toHaveLength(1);
      const rest = await store.providers.listSealed(all[0]!.id, 10);
      const ids = [...all, ...rest].map((r) => r.id);
      expect(ids).toEqual([p1.id, p2.id].sort());
      expect([...all, ...rest].find((r) => r.id === p2.id)).toEqual({
        id: p2.id,
        tenantId: b.tenant.id,
        credentials: { keyId: "k1", ciphertext: "c-two" },
        credentialsLastFour: null,
      });
      await expect(store.providers.listSealed("", 0)).rejects.toMatchObject({ code: "invalid_request" });

      const revision = await store.revision();
      const next = { keyId: "k9", ciphertext: "rewrapped" };
      expect(await store.providers.reseal(p1.id, { keyId: "k1", ciphertext: "stale" }, next, "…0000")).toBe(
        false,
      );
      expect(await store.providers.reseal(p1.id, p1.credentials!, next, "…abcd")).toBe(true);
      expect(await store.providers.get(a.tenant.id, p1.id)).toMatchObject({
        credentials: next,
        credentialsLastFour: "…abcd",
      });
      expect(
        await store.providers.reseal(p1.id, p1.credentials!, { keyId: "k0", ciphertext: "x" }, null),
      ).toBe(false);
      expect(await store.revision()).toBe(revision);
    });
  });
}
