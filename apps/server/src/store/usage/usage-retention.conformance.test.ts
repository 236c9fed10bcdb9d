import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, type OpenedTestStore } from "../test-stores.js";
import { pendingUsage, usageFinal } from "./testing/usage-records.js";
import { monthPartition } from "./usage-partitions.js";

const TARGETS = await findStoreTargets();
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`usage retention and partitions on ${target.name}`, () => {
    let opened: OpenedTestStore;
    let store: Store;
    beforeAll(async () => {
      opened = await target.open(() => NOW);
      store = opened.store;
      await store.migrate();
    });
    afterAll(() => opened?.cleanup());

    async function record(tenantId: string, id: string, startedAt: number) {
      await store.usage.insertPending([pendingUsage(id, tenantId, startedAt)]);
      await store.usage.finalize([usageFinal(id)]);
    }
    const rawIds = async (tenantId: string) =>
      (await store.forTenant(tenantId).usageLog.page({ limit: 100 })).items.map((r) => r.id).sort();
    const buckets = async (tenantId: string, granularity: "minute" | "hour" | "day") =>
      (
        await store
          .forTenant(tenantId)
          .usageAnalytics.series({ granularity, from: 0, to: NOW + 1000 * DAY, limit: 1000 })
      ).length;

    it("stores a tenant's retention, with documented defaults and null for forever", async () => {
      const tenant = await store.tenants.create({ name: "Settings" });
      const retention = store.forTenant(tenant.id).usageRetention;
      expect(await retention.get()).toEqual({ rawDays: 90, minuteDays: 7, hourDays: 90, dayDays: null });
      expect(await retention.set({ rawDays: 30, hourDays: null })).toEqual({
        rawDays: 30,
        minuteDays: 7,
        hourDays: null,
        dayDays: null,
      });
      expect(await retention.set({ dayDays: 400 })).toMatchObject({
        rawDays: 30,
        hourDays: null,
        dayDays: 400,
      });
      expect(await store.forTenant("ten_missing").usageRetention.get()).toMatchObject({ rawDays: 90 });
    });

    it("deletes what is past each tenant's retention in bounded batches, over several runs", async () => {
      const short = await store.tenants.create({ name: "Short" });
      const normal = await store.tenants.create({ name: "Normal" });
      await store.forTenant(short.id).usageRetention.set({ rawDays: 1, minuteDays: 1, hourDays: 2 });
      for (const [i, age] of [3, 1.5, 0.5].entries()) await record(short.id, `s${i}`, NOW - age * DAY);
      for (const [i, age] of [3, 100].entries()) await record(normal.id, `n${i}`, NOW - age * DAY);

      const first = await store.usageMaintenance.applyRetention(NOW, { batchSize: 1, maxBatches: 2 });
      expect(first.complete).toBe(false);
      let runs = 1;
      let resume = first.resume;
      for (;;) {
        const report = await store.usageMaintenance.applyRetention(NOW, {
          batchSize: 1,
          maxBatches: 2,
          ...(resume ? { resume } : {}),
        });
        resume = report.resume;
        runs += 1;
        if (report.complete) break;
        expect(runs).toBeLessThan(50);
      }
      expect(await rawIds(short.id)).toEqual(["s2"]);
      expect(await rawIds(normal.id)).toEqual(["n0"]);
      // short: minute rollups 1 day, hour 2 days, day forever; normal: 7 / 90 / forever.
      expect(await buckets(short.id, "minute")).toBe(1);
      expect(await buckets(short.id, "hour")).toBe(2);
      expect(await buckets(short.id, "day")).toBe(3);
      expect(await buckets(normal.id, "minute")).toBe(1);
      expect(await buckets(normal.id, "hour")).toBe(1);
      expect(await buckets(normal.id, "day")).toBe(2);
      const again = await store.usageMaintenance.applyRetention(NOW);
      expect(again).toMatchObject({ complete: true, deleted: { raw: 0, minute: 0, hour: 0, day: 0 } });
    });

    it.runIf(target.dialect === "postgres")(
      "makes month partitions ahead, moving rows out of the default partition, and drops expired months",
      async () => {
        const tenant = await store.tenants.create({ name: "Partitions" });
        const far = NOW + 800 * DAY;
        await record(tenant.id, "far", far);
        const farMonth = monthPartition(far);
        expect(await store.usageMaintenance.ensurePartitions(far, 1)).toEqual([
          farMonth.name,
          monthPartition(far, 1).name,
        ]);
        expect(await store.usageMaintenance.ensurePartitions(far, 1)).toEqual([]);
        expect(await store.forTenant(tenant.id).usageLog.get("far")).toMatchObject({ status: "success" });
        // A pending row moved into its month is still found by its final, and a repeat insert is ignored.
        await store.usage.insertPending([pendingUsage("far2", tenant.id, far + 1)]);
        await store.usageMaintenance.ensurePartitions(far + 40 * DAY, 0);
        await store.usage.insertPending([pendingUsage("far2", tenant.id, far + 1)]);
        await store.usage.finalize([usageFinal("far2")]);
        expect((await rawIds(tenant.id)).filter((id) => id.startsWith("far"))).toEqual(["far", "far2"]);

        const old = NOW - 200 * DAY;
        await record(tenant.id, "old", old);
        expect(await store.usageMaintenance.ensurePartitions(old, 0)).toEqual([monthPartition(old).name]);
        const report = await store.usageMaintenance.applyRetention(NOW);
        expect(report.droppedPartitions).toContain(monthPartition(old).name);
        expect(await store.forTenant(tenant.id).usageLog.get("old")).toBeUndefined();
        // Rollups outlive the raw rows: the days of far (and far2) and of old.
        expect(await buckets(tenant.id, "day")).toBe(2);
      },
    );

    it.runIf(target.dialect === "sqlite")("has no partitions to make on SQLite", async () => {
      expect(await store.usageMaintenance.ensurePartitions(NOW, 3)).toEqual([]);
    });
  });
}
