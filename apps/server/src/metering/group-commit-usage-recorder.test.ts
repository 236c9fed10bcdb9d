import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Store } from "../store/store.js";
import type { PendingUsage, UsageFinal } from "../store/store-types.js";
import { GroupCommitUsageRecorder } from "./group-commit-usage-recorder.js";

function fakeStore(fail: { pending?: boolean; finals?: number } = {}) {
  const calls = { pending: [] as PendingUsage[][], finals: [] as UsageFinal[][] };
  let finalFailures = fail.finals ?? 0;
  const store = {
    usage: {
      insertPending: async (records: PendingUsage[]) => {
        if (fail.pending) throw new Error("disk full");
        calls.pending.push(records);
      },
      finalize: async (finals: UsageFinal[]) => {
        if (finalFailures-- > 0) throw new Error("locked");
        calls.finals.push(finals);
      },
    },
  } as unknown as Store;
  return { store, calls };
}

const pending = (id: string) => ({ id }) as PendingUsage;
const final = (id: string) => ({ id, status: "success" }) as UsageFinal;
const silent = pino({ level: "silent" });

describe("GroupCommitUsageRecorder", () => {
  it("commits pending records that arrive together in one write, and resolves each once durable", async () => {
    const { store, calls } = fakeStore();
    const r = new GroupCommitUsageRecorder(store, silent);
    await Promise.all(["a", "b", "c"].map((id) => r.begin(pending(id))));
    expect(calls.pending.map((b) => b.map((x) => x.id))).toEqual([["a", "b", "c"]]);
  });

  it("rejects begin when the store refuses, so the upstream is never called unrecorded", async () => {
    const { store } = fakeStore({ pending: true });
    await expect(new GroupCommitUsageRecorder(store, silent).begin(pending("a"))).rejects.toThrow(
      "disk full",
    );
  });

  it("batches final records and writes them without anyone waiting", async () => {
    const { store, calls } = fakeStore();
    const r = new GroupCommitUsageRecorder(store, silent);
    r.finish(final("a"));
    r.finish(final("b"));
    expect(calls.finals).toEqual([]);
    await r.flush();
    expect(calls.finals.flat().map((f) => f.id)).toEqual(["a", "b"]);
    expect(r.backlog).toBe(0);
  });

  it("keeps final records after a failed write and writes them on a later flush", async () => {
    const { store, calls } = fakeStore({ finals: 1 });
    const r = new GroupCommitUsageRecorder(store, silent);
    r.finish(final("a"));
    await r.flush();
    expect(r.backlog).toBe(1);
    await r.flush();
    expect(calls.finals.flat().map((f) => f.id)).toEqual(["a"]);
  });
});
