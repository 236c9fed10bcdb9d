import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { WalCheckpointer, type WalCheckpointOptions } from "./wal-checkpointer.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database with ~500 KB of committed rows that were never checkpointed. */
function walDatabase() {
  dir = mkdtempSync(join(tmpdir(), "gh-wal-"));
  const path = join(dir, "x.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  db.exec("create table t (v text)");
  const insert = db.prepare("insert into t values (?)");
  for (let i = 0; i < 2_000; i++) insert.run("x".repeat(200));
  return { db, path, sizeBefore: statSync(path).size };
}

/** How much the database file grew while the checkpointer ran for 300 ms (before its final checkpoint). */
async function growthWhileRunning(options: WalCheckpointOptions) {
  const { db, path, sizeBefore } = walDatabase();
  const checkpointer = new WalCheckpointer(path, options);
  await new Promise((r) => setTimeout(r, 300));
  const growth = statSync(path).size - sizeBefore;
  await checkpointer.stop();
  expect((db.prepare("select count(*) as n from t").get() as { n: number }).n).toBe(2_000);
  const afterStop = statSync(path).size - sizeBefore;
  db.close();
  return { growth, afterStop };
}

describe("WalCheckpointer", () => {
  it("moves WAL pages into the database from its own thread once the interval has passed", async () => {
    const { growth } = await growthWhileRunning({ intervalMs: 20 });
    expect(growth).toBeGreaterThan(300_000);
  });

  it("checkpoints early once the WAL file is larger than maxWalBytes", async () => {
    const early = await growthWhileRunning({ intervalMs: 60_000, maxWalBytes: 100_000, pollMs: 20 });
    expect(early.growth).toBeGreaterThan(300_000);
    const quiet = await growthWhileRunning({ intervalMs: 60_000, maxWalBytes: 10_000_000, pollMs: 20 });
    expect(quiet.growth).toBe(0);
  });

  it("leaves a small WAL alone until the interval, and checkpoints at stop", async () => {
    const { growth, afterStop } = await growthWhileRunning({ intervalMs: 60_000, pollMs: 20 });
    expect(growth).toBe(0);
    expect(afterStop).toBeGreaterThan(300_000);
  });
});
