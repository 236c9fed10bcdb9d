import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config/config.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { GroupCommitUsageRecorder } from "./group-commit-usage-recorder.js";
import { openUsageRecorder } from "./open-usage-recorder.js";
import { encodeFinalLine, encodePendingLine } from "./spool/encode-spool-line.js";
import { segmentPath } from "./spool/spool-segment-files.js";
import { SpoolUsageRecorder } from "./spool/spool-usage-recorder.js";
import { startCrashChild } from "./spool/testing/spool-crash-process.js";
import { holdWriteLock } from "./spool/testing/spool-fixture.js";
import { finalRecord, pendingRecord } from "./spool/testing/usage-records.js";
import { UsageReconciler } from "./usage-reconciler.js";
import type { OwnedUsageRecorder } from "./usage-recorder.js";

const silent = pino({ level: "silent" });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A migrated SQLite store in a fresh directory, with its spool directory next to it. */
async function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "gh-spool-"));
  const sqlitePath = join(dir, "gatehouse.db");
  const spoolDir = join(dir, "spool");
  const store = createStore({ sqlitePath, walCheckpointer: false });
  await store.migrate();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return { dir, sqlitePath, spoolDir, store };
}

async function open(f: { store: Store; sqlitePath: string; spoolDir: string }): Promise<OwnedUsageRecorder> {
  const usage = await openUsageRecorder({ ...f, logger: silent, tuning: { busyTimeoutMs: 50 } });
  cleanups.push(() => usage.close());
  return usage;
}

/** Every usage row, as the database holds it. */
function rows(sqlitePath: string): unknown[] {
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db.prepare("select * from usage_records order by id").all();
  } finally {
    db.close();
  }
}

const statuses = (sqlitePath: string) =>
  Object.fromEntries(
    (rows(sqlitePath) as Array<{ id: string; status: string }>).map((r) => [r.id, r.status]),
  );

describe("openUsageRecorder", () => {
  it("keeps group commit for PostgreSQL, in-memory SQLite and GATEHOUSE_SPOOL_DIR=off", async () => {
    const pg = createStore({ databaseUrl: "postgres://u@127.0.0.1:1/db" });
    const memory = createStore({ sqlitePath: ":memory:" });
    const spoolDir = join(tmpdir(), "gh-spool-never-created");
    for (const [store, sqlitePath, dir] of [
      [pg, undefined, spoolDir],
      [memory, ":memory:", spoolDir],
      [memory, "/tmp/x.db", undefined],
    ] as const) {
      const usage = await openUsageRecorder({ store, logger: silent, sqlitePath, spoolDir: dir });
      expect(usage).toBeInstanceOf(GroupCommitUsageRecorder);
    }
    expect(existsSync(spoolDir)).toBe(false);
    await pg.close();
    await memory.close();
  });

  it("commits begun and finished records through the writer thread, and removes the spool at close", async () => {
    const f = await fixture();
    const usage = await open(f);
    expect(usage).toBeInstanceOf(SpoolUsageRecorder);
    await Promise.all(["a", "b", "c"].map((id) => usage.begin(pendingRecord(id))));
    usage.finish(finalRecord("a"));
    await usage.flush();
    expect(usage.backlog).toBe(0);
    expect(statuses(f.sqlitePath)).toEqual({ a: "success", b: "pending", c: "pending" });
    expect(await f.store.usage.get("ten_test", "a")).toMatchObject({ inputTokens: 10, costNano: 1_000 });
    await usage.close();
    expect(existsSync(f.spoolDir)).toBe(false);
    await expect(usage.begin(pendingRecord("d"))).rejects.toMatchObject({ code: "service_unavailable" });
  });

  it("after a SIGKILL, replays the spool at the next start; the reconciler settles the unfinished", async () => {
    const f = await fixture();
    const crashed = await startCrashChild(f.sqlitePath, f.spoolDir, 40, "locked");
    await crashed.kill();
    // The child's writer thread never got the lock: the records exist only in the spool.
    expect(rows(f.sqlitePath)).toEqual([]);
    expect(readdirSync(f.spoolDir)).toContain("lock");

    await open(f);
    const after = statuses(f.sqlitePath);
    expect(Object.keys(after)).toHaveLength(40);
    expect(Object.values(after).filter((s) => s === "success")).toHaveLength(20);
    expect(after.req_0000).toBe("success");
    expect(after.req_0001).toBe("pending");
    expect(readdirSync(f.spoolDir)).toEqual(["lock"]);

    const reconciler = new UsageReconciler(f.store, silent, () => Date.now());
    expect(await reconciler.runOnce()).toBe(20);
    expect(new Set(Object.values(statuses(f.sqlitePath)))).toEqual(new Set(["success", "interrupted"]));
  });

  it("after a SIGKILL while committing, ends with every record and every final", async () => {
    const f = await fixture();
    const crashed = await startCrashChild(f.sqlitePath, f.spoolDir, 200, "free");
    await crashed.kill();
    await open(f);
    const after = Object.values(statuses(f.sqlitePath));
    expect(after).toHaveLength(200);
    expect(after.filter((s) => s === "success")).toHaveLength(100);
  });

  it("will not open a spool a live process holds, and takes it over once that process is gone", async () => {
    const f = await fixture();
    const live = await startCrashChild(f.sqlitePath, f.spoolDir, 4, "locked");
    const refused = openUsageRecorder({ ...f, logger: silent });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(`in use by process ${live.child.pid}`);
    expect(readdirSync(f.spoolDir).filter((n) => n.endsWith(".jsonl"))).toHaveLength(1);
    await live.kill();
    await open(f);
    expect(Object.keys(statuses(f.sqlitePath))).toHaveLength(4);
  });

  it("ignores a torn last line and writes every whole one", async () => {
    const f = await fixture();
    await open(f).then((u) => u.close());
    const torn = encodePendingLine(pendingRecord("torn"));
    const text =
      encodePendingLine(pendingRecord("x")) +
      encodePendingLine(pendingRecord("y")) +
      encodeFinalLine(finalRecord("x")) +
      // Whole JSON, but without its newline: the append was cut short, so its begin never resolved.
      torn.slice(0, -1);
    mkdirSync(f.spoolDir);
    writeFileSync(segmentPath(f.spoolDir, 3), text);
    await open(f);
    expect(statuses(f.sqlitePath)).toEqual({ x: "success", y: "pending" });
    expect(existsSync(segmentPath(f.spoolDir, 3))).toBe(false);
  });

  it("replays idempotently: the same segments written again change nothing", async () => {
    const f = await fixture();
    const crashed = await startCrashChild(f.sqlitePath, f.spoolDir, 10, "locked");
    await crashed.kill();
    const saved = join(f.dir, "saved.jsonl");
    const [segment] = readdirSync(f.spoolDir).filter((n) => n.endsWith(".jsonl"));
    copyFileSync(join(f.spoolDir, segment!), saved);
    const first = await open(f);
    // A later final of a replayed record, then the old spool once more.
    first.finish({ ...finalRecord("req_0001"), status: "error", httpStatus: 502 });
    await first.close();
    const before = rows(f.sqlitePath);
    expect(before).toHaveLength(10);
    mkdirSync(f.spoolDir);
    copyFileSync(saved, join(f.spoolDir, segment!));
    await open(f);
    expect(rows(f.sqlitePath)).toEqual(before);
  });

  it("closes within its timeout while SQLite is locked, and leaves the spool to the next start", async () => {
    const f = await fixture();
    const usage = await openUsageRecorder({
      ...f,
      logger: silent,
      tuning: { busyTimeoutMs: 1_000, closeTimeoutMs: 200 },
    });
    const release = holdWriteLock(f.sqlitePath);
    await usage.begin(pendingRecord("kept"));
    const started = Date.now();
    await usage.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(readdirSync(f.spoolDir).filter((n) => n.endsWith(".jsonl"))).toHaveLength(1);
    expect(readdirSync(f.spoolDir)).not.toContain("lock");
    release();
    await open(f);
    expect(statuses(f.sqlitePath)).toEqual({ kept: "pending" });
  });
});
