import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SealedStoredResponse } from "../../domain/stored-response.js";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";

/**
 * Stored responses on every backend: reads and removals bound to tenant AND key, expired rows invisible
 * before the sweep deletes them, and the sweep's bounded batches.
 */

const DAY = 86_400_000;

function row(
  id: string,
  owner: { tenantId: string; apiKeyId: string },
  expiresAt: number,
): SealedStoredResponse {
  return {
    id,
    ...owner,
    workspaceId: "ws_1",
    createdAt: expiresAt - 30 * DAY,
    expiresAt,
    status: "completed",
    model: "m",
    previousResponseId: null,
    keyId: "k1",
    payload: "env1.sealed",
  };
}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`stored responses on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("reads a response back for its tenant and key only", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      const stored = { ...row("resp_1", owner, clock.t + DAY), previousResponseId: "resp_0" };
      await store.storedResponses.insert(stored);
      expect(await store.storedResponses.get(owner, "resp_1")).toEqual(stored);
      expect(await store.storedResponses.get({ ...owner, apiKeyId: "key_2" }, "resp_1")).toBeUndefined();
      expect(
        await store.storedResponses.get({ tenantId: b.tenant.id, apiKeyId: "key_1" }, "resp_1"),
      ).toBeUndefined();
      expect(await store.storedResponses.get(owner, "resp_2")).toBeUndefined();
    });

    it("stores a batch in one statement, every row readable; a batch with a taken id stores none", async () => {
      const a = await seedTenant(store, "A");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      const rows = ["resp_b1", "resp_b2", "resp_b3"].map((id) => row(id, owner, clock.t + DAY));
      await store.storedResponses.insertMany(rows);
      for (const r of rows) expect(await store.storedResponses.get(owner, r.id)).toEqual(r);
      const again = [row("resp_b4", owner, clock.t + DAY), row("resp_b1", owner, clock.t + DAY)];
      await expect(store.storedResponses.insertMany(again)).rejects.toThrow();
      expect(await store.storedResponses.get(owner, "resp_b4")).toBeUndefined();
    });

    it("removes a response for its owner only, once", async () => {
      const a = await seedTenant(store, "A");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      await store.storedResponses.insert(row("resp_1", owner, clock.t + DAY));
      expect(await store.storedResponses.remove({ ...owner, apiKeyId: "key_2" }, "resp_1")).toBe(false);
      expect(await store.storedResponses.remove(owner, "resp_1")).toBe(true);
      expect(await store.storedResponses.remove(owner, "resp_1")).toBe(false);
      expect(await store.storedResponses.get(owner, "resp_1")).toBeUndefined();
    });

    it("hides expired responses at once and deletes them in bounded batches, oldest first", async () => {
      const a = await seedTenant(store, "A");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      const start = clock.t;
      for (let i = 0; i < 5; i++)
        await store.storedResponses.insert(row(`resp_old${i}`, owner, start + 10 + i));
      await store.storedResponses.insert(row("resp_live", owner, start + DAY));
      clock.t = start + 100;
      expect(await store.storedResponses.get(owner, "resp_old0")).toBeUndefined();
      expect(await store.storedResponses.deleteExpired(clock.t, 2)).toBe(2);
      expect(await store.storedResponses.deleteExpired(clock.t, 2)).toBe(2);
      expect(await store.storedResponses.deleteExpired(clock.t, 2)).toBe(1);
      expect(await store.storedResponses.deleteExpired(clock.t, 2)).toBe(0);
      expect(await store.storedResponses.get(owner, "resp_live")).toBeDefined();
    });

    it("refuses a second response with an id already stored, keeping the first", async () => {
      const a = await seedTenant(store, "A");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      await store.storedResponses.insert(row("resp_1", owner, clock.t + DAY));
      await expect(store.storedResponses.insert(row("resp_1", owner, clock.t + DAY))).rejects.toThrow();
      expect(await store.storedResponses.get(owner, "resp_1")).toBeDefined();
    });

    it("lists responses not sealed under a key, by id, and reseals one", async () => {
      const a = await seedTenant(store, "A");
      const owner = { tenantId: a.tenant.id, apiKeyId: "key_1" };
      for (const id of ["resp_a", "resp_b", "resp_c"])
        await store.storedResponses.insert(row(id, owner, clock.t + DAY));
      await store.storedResponses.reseal("resp_b", { keyId: "k2", payload: "env1.rewrapped" });
      const notUnder = await store.storedResponses.listSealedNotUnder("k2", "", 10);
      expect(notUnder.map((r) => r.id)).toEqual(["resp_a", "resp_c"]);
      expect((await store.storedResponses.listSealedNotUnder("k2", "resp_a", 1)).map((r) => r.id)).toEqual([
        "resp_c",
      ]);
      expect(await store.storedResponses.get(owner, "resp_b")).toMatchObject({
        keyId: "k2",
        payload: "env1.rewrapped",
      });
    });
  });
}
