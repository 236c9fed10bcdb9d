import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { WalCheckpointer } from "./wal-checkpointer.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("WalCheckpointer", () => {
  it("moves WAL pages into the database from its own thread while the writer never checkpoints", async () => {
    dir = mkdtempSync(join(tmpdir(), "gh-wal-"));
    const path = join(dir, "x.db");
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("create table t (v text)");
    const insert = db.prepare("insert into t values (?)");
    for (let i = 0; i < 2_000; i++) insert.run("x".repeat(200));
    const dbSizeBefore = statSync(path).size;
    const checkpointer = new WalCheckpointer(path, 20);
    await new Promise((r) => setTimeout(r, 300));
    await checkpointer.stop();
    expect(statSync(path).size).toBeGreaterThan(dbSizeBefore + 300_000);
    expect((db.prepare("select count(*) as n from t").get() as { n: number }).n).toBe(2_000);
    db.close();
  });
});
