import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../logging/create-logger.js";
import { createStore } from "../store/create-store.js";
import type { ChangeScope } from "../store/revisions/change-scope.js";
import type { Store } from "../store/store.js";
import { seedTenant, testKeyInput } from "../store/test-stores.js";
import { type ChangeApplier, RevisionWatcher } from "./revision-watcher.js";

const silent = createLogger("silent", new Writable({ write: (_c, _e, cb) => cb() }));

/** An applier that records what it was asked to do. */
function recorder() {
  const calls: Array<ChangeScope[] | "all"> = [];
  const applier: ChangeApplier = {
    apply: async (scopes) => {
      calls.push(scopes.map(({ tenantId, kind }) => ({ tenantId, kind })));
    },
    applyAll: async () => {
      calls.push("all");
    },
  };
  return { calls, applier };
}

describe("RevisionWatcher", () => {
  let store: Store;
  let watcher: RevisionWatcher | undefined;
  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
  });
  afterEach(async () => {
    await watcher?.stop();
    await store.close();
  });

  it("applies only the scopes changed since it started, once", async () => {
    const a = await seedTenant(store, "Acme");
    const { calls, applier } = recorder();
    watcher = new RevisionWatcher(store, applier, silent, 60_000);
    watcher.start(await store.revision());
    expect(await watcher.check()).toEqual([]);
    await store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
    expect(await watcher.check()).toEqual([{ tenantId: a.tenant.id, kind: "keys" }]);
    expect(await watcher.check()).toEqual([]);
    expect(calls).toEqual([[{ tenantId: a.tenant.id, kind: "keys" }]]);
  });

  it("hands the writer a change the timer's poll applied first, so it is still announced", async () => {
    const a = await seedTenant(store, "Acme");
    const { calls, applier } = recorder();
    watcher = new RevisionWatcher(store, applier, silent, 20);
    watcher.start(await store.revision());
    await store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id));
    const deadline = Date.now() + 2_000;
    while (calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toHaveLength(1); // the timer got there first
    expect(await watcher.checkAndTakeApplied()).toEqual([{ tenantId: a.tenant.id, kind: "keys" }]);
    expect(await watcher.checkAndTakeApplied()).toEqual([]);
  });

  it("rebuilds everything after an unscoped change, and keeps the old snapshots when the store fails", async () => {
    const { calls, applier } = recorder();
    let answer: () => Promise<unknown> = async () => ({ sequence: 5, changes: [], everything: true });
    const fake = { changesSince: () => answer() } as unknown as Store;
    watcher = new RevisionWatcher(fake, applier, silent, 60_000);
    watcher.start(0);
    await watcher.check();
    expect(calls).toEqual(["all"]);
    answer = async () => {
      throw new Error("database unreachable");
    };
    expect(await watcher.check()).toEqual([]);
    expect(calls).toEqual(["all"]);
  });
});
