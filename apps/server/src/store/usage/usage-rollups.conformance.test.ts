import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { UsageRecord } from "../store-types.js";
import { findStoreTargets, type OpenedTestStore } from "../test-stores.js";
import type { RollupGranularity } from "./rollup-layout.js";
import { expectedSeries, pendingUsage, usageFinal, usageWritesArbitrary } from "./testing/usage-records.js";
import type { UsageDimension, UsageSeriesRow } from "./usage-report-types.js";

const TARGETS = await findStoreTargets();
const T0 = Date.UTC(2026, 10, 28, 22, 30);
const DIMENSIONS: (UsageDimension | undefined)[] = [
  undefined,
  "workspace",
  "key",
  "user",
  "model",
  "provider",
  "status_class",
];

const byBucketThenGroup = (a: UsageSeriesRow, b: UsageSeriesRow) =>
  a.bucketStart - b.bucketStart || String(a.group ?? "").localeCompare(String(b.group ?? ""));

/** Every raw record of a tenant (a test tenant has fewer than a page). */
async function rawRecords(store: Store, tenantId: string): Promise<UsageRecord[]> {
  const page = await store.forTenant(tenantId).usageLog.page({ limit: 1000 });
  expect(page.nextCursor).toBeNull();
  return page.items;
}

async function expectRollupsMatchRaw(store: Store, tenantId: string): Promise<void> {
  const records = await rawRecords(store, tenantId);
  const analytics = store.forTenant(tenantId).usageAnalytics;
  for (const granularity of ["minute", "hour", "day"] as RollupGranularity[]) {
    for (const groupBy of DIMENSIONS) {
      const rows = await analytics.series({
        granularity,
        from: 0,
        to: T0 + 10 * 86_400_000,
        ...(groupBy ? { groupBy } : {}),
        limit: 10_000,
      });
      // Key and user are rolled up per hour at finest (rollup-layout.ts).
      const keyed = groupBy === "key" || groupBy === "user";
      const effective = keyed && granularity === "minute" ? "hour" : granularity;
      expect(rows.sort(byBucketThenGroup), `${granularity} by ${groupBy ?? "nothing"}`).toEqual(
        expectedSeries(records, effective, groupBy),
      );
      if (keyed) {
        // A filter by key reads the keyed rollups too: its totals equal the raw records of that key.
        const filtered = await analytics.series({
          granularity: effective,
          from: 0,
          to: T0 + 10 * 86_400_000,
          filters: { key: ["key_b"] },
          limit: 10_000,
        });
        expect(filtered.sort(byBucketThenGroup)).toEqual(
          expectedSeries(
            records.filter((r) => r.apiKeyId === "key_b"),
            effective,
          ),
        );
      }
    }
  }
}

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`usage rollups on ${target.name}`, () => {
    let opened: OpenedTestStore;
    let store: Store;
    beforeAll(async () => {
      opened = await target.open(() => T0);
      store = opened.store;
      await store.migrate();
    });
    afterAll(() => opened?.cleanup());

    it("equal a GROUP BY over the raw records for random batches, duplicates and repeated finals", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer().chain(() => usageWritesArbitrary(`ten_p${++run}`, T0)),
          fc.boolean(),
          async (writes, together) => {
            const tenantId = writes.flatMap((w) => (w.kind === "pending" ? w.records : []))[0]?.tenantId;
            // Pending and final batches in the writers' two ways: one call each, or one transaction.
            const apply = async (s: Store) => {
              for (const w of writes) {
                if (w.kind === "pending") await s.usage.insertPending(w.records);
                else await s.usage.finalize(w.finals);
              }
            };
            if (together) await store.transaction(apply);
            else await apply(store);
            if (tenantId !== undefined) await expectRollupsMatchRaw(store, tenantId);
          },
        ),
        { numRuns: target.dialect === "postgres" ? 30 : 60 },
      );
    });

    it("adds nothing for a final that finds no pending row (a repeat, a late one after the reconciler)", async () => {
      const tenantId = "ten_repeat";
      await store.usage.insertPending([pendingUsage("r1", tenantId, T0), pendingUsage("r2", tenantId, T0)]);
      await store.usage.finalize([usageFinal("r1", { costNano: 7 })]);
      await store.usage.finalize([usageFinal("r1", { costNano: 1_000 }), usageFinal("r2", { costNano: 5 })]);
      await store.usage.finalize([usageFinal("r2", { costNano: 9 }), usageFinal("r_missing")]);
      const [row] = await store.forTenant(tenantId).usageAnalytics.series({
        granularity: "day",
        from: 0,
        to: T0 + 86_400_000,
        limit: 10,
      });
      expect(row).toMatchObject({ requests: 2, costNano: 12 });
    });

    it("keeps a request id unique: a second insert of an id does nothing, whatever its started_at", async () => {
      const tenantId = "ten_idem";
      const record = pendingUsage("req_same", tenantId, T0);
      await store.usage.insertPending([record]);
      // A spool replay carries the same record; a buggy caller might carry another month's time.
      await store.usage.insertPending([record]);
      await store.usage.insertPending([{ ...record, startedAt: T0 + 40 * 86_400_000, model: "other" }]);
      await store.transaction((tx) => tx.usage.insertPending([record]));
      const items = await rawRecords(store, tenantId);
      expect(items.map((r) => [r.id, r.startedAt, r.model])).toEqual([["req_same", T0, "gpt-4o"]]);
    });

    it("pages the request log newest first by (started_at, id) with every filter", async () => {
      const tenantId = "ten_log";
      const records = Array.from({ length: 25 }, (_, i) =>
        pendingUsage(`log_${String(i).padStart(2, "0")}`, tenantId, T0 + Math.floor(i / 3) * 1000, {
          model: i % 2 === 0 ? "gpt-4o" : "claude",
          apiKeyId: i % 5 === 0 ? "key_five" : "key_a",
          workspaceId: i % 3 === 0 ? "ws_three" : "ws_a",
        }),
      );
      await store.usage.insertPending(records);
      await store.usage.finalize(records.filter((_, i) => i % 4 === 0).map((r) => usageFinal(r.id)));
      const log = store.forTenant(tenantId).usageLog;
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await log.page({ limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const newestFirst = [...records].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
      expect(seen).toEqual(newestFirst.map((r) => r.id));
      const only = async (q: Parameters<typeof log.page>[0]) =>
        (await log.page(q)).items.map((r) => r.id).sort();
      const ids = (keep: (i: number) => boolean) => records.filter((_, i) => keep(i)).map((r) => r.id);
      expect(await only({ limit: 100, model: "claude" })).toEqual(ids((i) => i % 2 === 1));
      expect(await only({ limit: 100, apiKeyId: "key_five" })).toEqual(ids((i) => i % 5 === 0));
      expect(await only({ limit: 100, workspaceIds: ["ws_three"] })).toEqual(ids((i) => i % 3 === 0));
      expect(await only({ limit: 100, workspaceIds: [] })).toEqual([]);
      expect(await only({ limit: 100, status: "success" })).toEqual(ids((i) => i % 4 === 0));
      expect(await only({ limit: 100, from: T0 + 2000, to: T0 + 4000 })).toEqual(
        ids((i) => i >= 6 && i < 12),
      );
      expect(await only({ limit: 100, providerId: "prv_none" })).toEqual([]);
      expect(await store.forTenant("ten_other").usageLog.get("log_00")).toBeUndefined();
      expect((await log.get("log_00"))?.attempts).toEqual(usageFinal("x").attempts);
    });

    it("answers the top groups by spend from the rollups", async () => {
      const tenantId = "ten_top";
      const models = ["cheap", "dear", "mid"];
      const records = models.map((model, i) => pendingUsage(`top_${i}`, tenantId, T0, { model }));
      await store.usage.insertPending(records);
      await store.usage.finalize(records.map((r, i) => usageFinal(r.id, { costNano: [1, 100, 10][i]! })));
      const top = await store.forTenant(tenantId).usageAnalytics.top({
        granularity: "day",
        from: 0,
        to: T0 + 86_400_000,
        by: "model",
        limit: 2,
      });
      expect(top.map((t) => [t.group, t.costNano])).toEqual([
        ["dear", 100],
        ["mid", 10],
      ]);
    });
  });
}
