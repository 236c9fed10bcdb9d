import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prepareSqliteUsageWrites } from "../../store/sqlite-usage-writer.js";
import { encodeFinalLine, encodePendingLine } from "./encode-spool-line.js";
import { SpoolCommitter } from "./spool-committer.js";
import type { FromWriter } from "./spool-messages.js";
import { segmentPath } from "./spool-segment-files.js";
import { holdWriteLock, spoolFixture, usageStatuses } from "./testing/spool-fixture.js";
import { finalRecord, pendingRecord } from "./testing/usage-records.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A committer running in this thread over its own connection, and the reports it sent. */
async function committer() {
  const f = await spoolFixture();
  cleanups.push(() => f.cleanup());
  mkdirSync(f.spoolDir);
  const database = new Database(f.sqlitePath);
  database.pragma("busy_timeout = 10");
  const reports: FromWriter[] = [];
  const c = new SpoolCommitter({
    database,
    writes: prepareSqliteUsageWrites(database),
    dir: f.spoolDir,
    post: (m) => reports.push(m),
    checkpoint: { intervalMs: 60_000, maxWalBytes: 1 << 30, pollMs: 1_000 },
  });
  cleanups.push(() => c.stop());
  return { f, c, reports };
}

describe("SpoolCommitter", () => {
  it("commits the ranges it gets in one transaction, deletes sealed segments, and reports what it read", async () => {
    const { f, c, reports } = await committer();
    const one = encodePendingLine(pendingRecord("a")) + "not json\n";
    const two = encodeFinalLine(finalRecord("a")) + encodePendingLine(pendingRecord("b")) + '{"k":"p"';
    writeFileSync(segmentPath(f.spoolDir, 1), one);
    writeFileSync(segmentPath(f.spoolDir, 2), two);
    c.receive({
      t: "ranges",
      ranges: [
        { seq: 1, from: 0, to: one.length, sealed: true },
        { seq: 2, from: 0, to: two.length, sealed: false },
      ],
    });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ t: "committed", records: 3, invalid: 1, tornBytes: 8, missing: 0 });
    expect(usageStatuses(f.sqlitePath)).toEqual({ a: "success", b: "pending" });
    expect(existsSync(segmentPath(f.spoolDir, 1))).toBe(false);
    expect(existsSync(segmentPath(f.spoolDir, 2))).toBe(true);
  });

  it("counts a sealed segment already gone as done, and an unsealed one gone as missing", async () => {
    const { c, reports } = await committer();
    c.receive({
      t: "ranges",
      ranges: [
        { seq: 5, from: 0, to: 10, sealed: true },
        { seq: 6, from: 0, to: 10, sealed: false },
      ],
    });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]).toMatchObject({ t: "committed", records: 0, missing: 1 });
  });

  it("reports a failed commit, keeps the ranges, and commits them once the lock is gone", async () => {
    const { f, c, reports } = await committer();
    const text = encodePendingLine(pendingRecord("a"));
    writeFileSync(segmentPath(f.spoolDir, 1), text);
    const release = holdWriteLock(f.sqlitePath);
    c.receive({ t: "ranges", ranges: [{ seq: 1, from: 0, to: text.length, sealed: true }] });
    await vi.waitFor(() => expect(reports.filter((r) => r.t === "failed").length).toBeGreaterThan(1));
    expect(usageStatuses(f.sqlitePath)).toEqual({});
    release();
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ t: "committed", records: 1 }));
    expect(usageStatuses(f.sqlitePath)).toEqual({ a: "pending" });
  });
});
