import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { Worker as NodeWorker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SpoolAppender, type SpoolFileIo } from "./spool-appender.js";
import { SpoolProgress } from "./spool-progress.js";
import { segmentPath } from "./spool-segment-files.js";
import { SpoolUsageRecorder, type SpoolUsageRecorderOptions } from "./spool-usage-recorder.js";
import {
  capturingLogger,
  holdWriteLock,
  type SpoolFixture,
  spoolFixture,
  usageStatuses,
} from "./testing/spool-fixture.js";
import { finalRecord, pendingRecord } from "./testing/usage-records.js";
import { UsageWriterThread, type UsageWriterThreadOptions } from "./usage-writer-thread.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  io?: SpoolFileIo;
  segmentBytes?: number;
  recorder?: Partial<SpoolUsageRecorderOptions>;
  thread?: Partial<UsageWriterThreadOptions>;
}

/** A started recorder over a real writer thread and a real SQLite file. */
async function setup(s: Setup = {}) {
  const f: SpoolFixture = await spoolFixture();
  cleanups.push(() => f.cleanup());
  mkdirSync(f.spoolDir);
  const { logger, lines } = capturingLogger();
  const usage = new SpoolUsageRecorder({
    appender: new SpoolAppender(f.spoolDir, 1, s.segmentBytes ?? 1024 * 1024, s.io),
    progress: new SpoolProgress(),
    thread: new UsageWriterThread({ dbPath: f.sqlitePath, dir: f.spoolDir, busyTimeoutMs: 20, ...s.thread }),
    logger,
    ...s.recorder,
  });
  await usage.start();
  cleanups.push(() => usage.close());
  const messages = () => lines.map((l) => l.msg);
  /** Flushes until nothing is left (a flush returns early at a failed commit). */
  const drain = () =>
    vi.waitFor(
      async () => {
        await usage.flush();
        expect(usage.backlog).toBe(0);
      },
      { timeout: 5_000, interval: 20 },
    );
  return { f, usage, messages, drain };
}

const segments = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".jsonl"));

describe("SpoolUsageRecorder", () => {
  it("resolves begin while SQLite is locked, and commits once the lock is gone (one log line each way)", async () => {
    const { f, usage, messages, drain } = await setup();
    const release = holdWriteLock(f.sqlitePath);
    await Promise.all(["a", "b"].map((id) => usage.begin(pendingRecord(id))));
    usage.finish(finalRecord("a"));
    await usage.flush(); // returns at the first failed commit
    await new Promise((r) => setTimeout(r, 150)); // several failed retries
    expect(usageStatuses(f.sqlitePath)).toEqual({});
    expect(usage.backlog).toBe(3);
    release();
    await drain();
    expect(usageStatuses(f.sqlitePath)).toEqual({ a: "success", b: "pending" });
    expect(messages().filter((m) => m.includes("cannot commit"))).toHaveLength(1);
    expect(messages()).toContain("usage: the writer thread commits again");
  });

  it("refuses begin (503) when a write fails part-way, leaves nothing of it, and keeps finals for later", async () => {
    // As write(2) behaves on a full disk: a short write, then ENOSPC on the rest.
    let failing: "no" | "short" | "full" = "no";
    const io: SpoolFileIo = {
      openSync,
      ftruncateSync,
      closeSync,
      writeSync: (fd, buf, off, len, pos) => {
        if (failing === "no") return writeSync(fd, buf, off, len, pos);
        if (failing === "short") {
          failing = "full";
          return writeSync(fd, buf, off, Math.ceil(len / 2), pos);
        }
        failing = "no";
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const { f, usage, messages, drain } = await setup({ io });
    await usage.begin(pendingRecord("a"));
    const sizeBefore = statSync(segmentPath(f.spoolDir, 1)).size;
    failing = "short";
    usage.finish(finalRecord("a"));
    await expect(usage.begin(pendingRecord("refused"))).rejects.toMatchObject({
      code: "service_unavailable",
    });
    expect(statSync(segmentPath(f.spoolDir, 1)).size).toBe(sizeBefore);
    await usage.begin(pendingRecord("b"));
    await drain();
    expect(usageStatuses(f.sqlitePath)).toEqual({ a: "success", b: "pending" });
    expect(messages().filter((m) => m.includes("spool cannot be written"))).toHaveLength(1);
    expect(messages()).toContain("usage: the spool is written again");
  });

  it("refuses begin once the uncommitted spool passes its cap, and admits again when it drained", async () => {
    const { f, usage, drain } = await setup({ recorder: { maxBacklogBytes: 1 } });
    const release = holdWriteLock(f.sqlitePath);
    await usage.begin(pendingRecord("a"));
    await expect(usage.begin(pendingRecord("b"))).rejects.toMatchObject({ code: "service_unavailable" });
    release();
    await drain();
    await usage.begin(pendingRecord("c"));
    await drain();
    expect(usageStatuses(f.sqlitePath)).toEqual({ a: "pending", c: "pending" });
  });

  it("restarts a writer thread that died and hands it everything not committed", async () => {
    const workers: Worker[] = [];
    const createWorker = (url: URL, options: object) => {
      const w = new NodeWorker(url, options);
      workers.push(w);
      return w;
    };
    const { f, usage, messages, drain } = await setup({ thread: { createWorker } });
    await usage.begin(pendingRecord("before"));
    await drain();
    const release = holdWriteLock(f.sqlitePath);
    await usage.begin(pendingRecord("unacknowledged"));
    await usage.flush();
    // An uncaught exception in the thread (here: a message it does not know). Not terminate(): ending a
    // thread that is inside SQLite aborts the process (usage-writer-thread.ts, stop()).
    workers[0]!.postMessage({ t: "bogus" });
    await new Promise((resolve) => workers[0]!.once("exit", resolve));
    await usage.begin(pendingRecord("after"));
    release();
    await drain();
    expect(workers.length).toBe(2);
    expect(usageStatuses(f.sqlitePath)).toEqual({
      after: "pending",
      before: "pending",
      unacknowledged: "pending",
    });
    expect(messages().filter((m) => m.includes("died"))).toHaveLength(1);
    expect(messages()).toContain("usage: the writer thread runs again");
  });

  it("rotates segments and deletes each once committed; close leaves no segment", async () => {
    const { f, usage, drain } = await setup({ segmentBytes: 100 });
    for (const id of ["a", "b", "c", "d"]) await usage.begin(pendingRecord(id));
    await drain();
    expect(segments(f.spoolDir)).toEqual(["usage-0000000004.jsonl"]);
    await usage.close();
    expect(segments(f.spoolDir)).toEqual([]);
    expect(Object.keys(usageStatuses(f.sqlitePath))).toEqual(["a", "b", "c", "d"]);
  });

  it("checkpoints the WAL from the writer thread: on its interval, and at stop", async () => {
    const grows = async (intervalMs: number) => {
      const { f, usage, drain } = await setup({ thread: { checkpoint: { intervalMs, pollMs: 10 } } });
      const sizeBefore = statSync(f.sqlitePath).size;
      await Promise.all(Array.from({ length: 2_000 }, (_, i) => usage.begin(pendingRecord(`r${i}`))));
      await drain();
      await new Promise((r) => setTimeout(r, 100));
      const running = statSync(f.sqlitePath).size - sizeBefore;
      await usage.close();
      return { running, stopped: statSync(f.sqlitePath).size - sizeBefore };
    };
    expect((await grows(20)).running).toBeGreaterThan(100_000);
    const idle = await grows(60_000);
    expect(idle.running).toBe(0);
    expect(idle.stopped).toBeGreaterThan(100_000);
  });
});
