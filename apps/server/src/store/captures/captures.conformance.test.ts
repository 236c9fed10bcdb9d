import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SealedCapture } from "../../domain/capture-settings.js";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";

/**
 * Prompt capture storage on every backend: the setting (off until set, a `catalog` bump per change, the
 * snapshot of every tenant's), captures (idempotent by request id, invisible to other tenants) and their
 * deletion with raw records by the usage retention.
 */

const DAY = 86_400_000;

const sealed = (id: string, tenantId: string, workspaceId: string, createdAt: number): SealedCapture => ({
  id,
  tenantId,
  workspaceId,
  createdAt,
  keyId: "k1",
  requestBody: "env1.sealed-request",
  responseBody: null,
  requestBytes: 70_000,
  responseBytes: 0,
  requestTruncated: true,
  responseTruncated: false,
});

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`prompt capture storage on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("keeps the setting off until set; each change bumps the tenant's catalog scope", async () => {
      const a = await seedTenant(store, "A");
      const repo = store.forTenant(a.tenant.id).captures;
      expect(await repo.getSettings()).toEqual({ enabled: false, maxBytes: 65_536 });
      const rev = await store.revision();
      expect(await repo.updateSettings({})).toEqual({ enabled: false, maxBytes: 65_536 });
      expect(await store.revision()).toBe(rev);
      expect(await repo.updateSettings({ enabled: true })).toEqual({ enabled: true, maxBytes: 65_536 });
      expect(await repo.updateSettings({ maxBytes: 2048 })).toEqual({ enabled: true, maxBytes: 2048 });
      const changes = (await store.changesSince(rev)).changes;
      expect(changes).toContainEqual(expect.objectContaining({ tenantId: a.tenant.id, kind: "catalog" }));
      expect(await store.captures.listAllSettings()).toEqual(
        new Map([[a.tenant.id, { enabled: true, maxBytes: 2048 }]]),
      );
    });

    it("stores a capture once per request id, visible to its tenant only", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const row = sealed("req_1", a.tenant.id, a.workspace.id, 1_700_000_000_000);
      await store.captures.insert(row);
      await store.captures.insert({ ...row, requestBody: "env1.other" });
      expect(await store.forTenant(a.tenant.id).captures.get("req_1")).toEqual(row);
      expect(await store.forTenant(b.tenant.id).captures.get("req_1")).toBeUndefined();
    });

    it("is deleted by the usage retention with raw records, per tenant", async () => {
      const a = await seedTenant(store, "A");
      const now = 1_800_000_000_000;
      await store.captures.insert(sealed("old", a.tenant.id, a.workspace.id, now - 91 * DAY));
      await store.captures.insert(sealed("new", a.tenant.id, a.workspace.id, now - 89 * DAY));
      const report = await store.usageMaintenance.applyRetention(now);
      expect(report.deleted.raw).toBe(1);
      const repo = store.forTenant(a.tenant.id).captures;
      expect(await repo.get("old")).toBeUndefined();
      expect(await repo.get("new")).toBeDefined();
    });
  });
}
