import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TIMEOUT_BOUNDS } from "../resilience/resolve-timeouts.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { finalRecord, pendingRecord } from "./spool/testing/usage-records.js";
import { RECONCILE_AFTER_MS, UsageReconciler } from "./usage-reconciler.js";

const silent = pino({ level: "silent" });
const NOW = 10 * 3_600_000;
const MINUTE = 60_000;
let store: Store;

beforeEach(async () => {
  store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
});
afterEach(() => store.close());

describe("UsageReconciler", () => {
  it("waits longer than the longest request any timeout allows before settling a pending record", () => {
    expect(RECONCILE_AFTER_MS).toBeGreaterThan(TIMEOUT_BOUNDS.totalMs.max);
  });

  it("leaves a long stream's record alone, so its real final is the one recorded", async () => {
    // A model may allow an hour (TIMEOUT_BOUNDS): a 40-minute stream is legitimate, not a crash's leftover.
    await store.usage.insertPending([pendingRecord("req_long", NOW - 40 * MINUTE)]);
    const reconciler = new UsageReconciler(store, silent, () => NOW);
    expect(await reconciler.runOnce()).toBe(0);
    await store.usage.finalize([{ ...finalRecord("req_long", 3), finishedAt: NOW }]);
    expect(await store.usage.get("ten_test", "req_long")).toMatchObject({
      status: "success",
      outputTokens: 60,
      costNano: 3_000,
    });
  });

  it("settles a record a crash left pending once no request could still be running, exactly once", async () => {
    await store.usage.insertPending([
      pendingRecord("req_crashed", NOW - RECONCILE_AFTER_MS - 1),
      pendingRecord("req_done", NOW - RECONCILE_AFTER_MS - 1),
    ]);
    await store.usage.finalize([finalRecord("req_done")]);
    const reconciler = new UsageReconciler(store, silent, () => NOW);
    expect(await reconciler.runOnce()).toBe(1);
    expect(await reconciler.runOnce()).toBe(0);
    expect(await store.usage.get("ten_test", "req_crashed")).toMatchObject({
      status: "interrupted",
      errorCode: "reconciled",
      usageEstimated: true,
    });
    // A final arriving after the reconciler (a process that was only stalled) changes nothing: one record.
    await store.usage.finalize([finalRecord("req_crashed", 2)]);
    expect((await store.usage.get("ten_test", "req_crashed"))?.status).toBe("interrupted");
    expect((await store.usage.get("ten_test", "req_done"))?.status).toBe("success");
  });
});
