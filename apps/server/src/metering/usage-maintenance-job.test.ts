import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { pendingUsage, usageFinal } from "../store/usage/testing/usage-records.js";
import { UsageMaintenanceJob } from "./usage-maintenance-job.js";

const DAY = 86_400_000;
let store: Store | undefined;
afterEach(() => store?.close());

describe("UsageMaintenanceJob", () => {
  it("applies retention by the injected clock, a bounded budget per run, resuming where it stopped", async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
    const tenant = await store.tenants.create({ name: "T" });
    await store.forTenant(tenant.id).usageRetention.set({ rawDays: 1 });
    const t0 = Date.UTC(2026, 5, 1);
    const records = Array.from({ length: 30 }, (_, i) => pendingUsage(`r${i}`, tenant.id, t0 + i));
    await store.usage.insertPending(records);
    await store.usage.finalize(records.map((r) => usageFinal(r.id)));
    let now = t0 + DAY / 2;
    const job = new UsageMaintenanceJob(store, pino({ level: "silent" }), () => now, 60_000, {
      batchSize: 4,
      maxBatches: 3,
    });
    const left = async () => (await store!.forTenant(tenant.id).usageLog.page({ limit: 100 })).items.length;
    await job.runOnce();
    expect(await left()).toBe(30);
    now = t0 + 2 * DAY;
    const seen = [await left()];
    for (let run = 0; run < 10 && seen.at(-1)! > 0; run++) {
      await job.runOnce();
      seen.push(await left());
    }
    expect(seen.at(-1)).toBe(0);
    // Each run deletes at most its budget (3 batches of 4 rows), and the runs resume rather than restart.
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]! - seen[i]!).toBeLessThanOrEqual(12);
    expect(seen.length).toBeLessThanOrEqual(6);
  });

  it("logs a failing run and keeps going", async () => {
    const errors: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => errors.push(line) });
    const broken = { usageMaintenance: { ensurePartitions: () => Promise.reject(new Error("down")) } };
    const job = new UsageMaintenanceJob(broken as unknown as Store, logger, () => 0);
    await expect(job.runOnce()).resolves.toBeUndefined();
    expect(String(errors[0])).toContain("usage maintenance failed");
  });
});
