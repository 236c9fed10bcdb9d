import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../config/config.js";
import { acquireSpoolLock } from "./spool-lock.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), "gh-lock-")));
const ownStartTime = () => {
  const stat = readFileSync("/proc/self/stat", "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]!;
};

describe("acquireSpoolLock", () => {
  it("writes this process's pid and start time, refuses a second holder, and releases", () => {
    const lock = acquireSpoolLock(fresh());
    expect(readFileSync(lock.path, "utf8")).toBe(`${process.pid} ${ownStartTime()}\n`);
    expect(() => acquireSpoolLock(dir)).toThrow(ConfigError);
    expect(() => acquireSpoolLock(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
    acquireSpoolLock(dir).release();
  });

  it("takes over the lock of a process that is gone", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(join(fresh(), "lock"), `${gone} 12345\n`);
    const lock = acquireSpoolLock(dir);
    expect(readFileSync(lock.path, "utf8")).toContain(`${process.pid} `);
    expect(readdirSync(dir)).toEqual(["lock"]);
  });

  it("takes over a lock whose pid was reused by a process started at another time (pid 1 of a container)", () => {
    writeFileSync(join(fresh(), "lock"), `${process.pid} 1\n`);
    expect(acquireSpoolLock(dir).path).toBe(join(dir, "lock"));
  });

  it("does not release a lock another process took over meanwhile", () => {
    const lock = acquireSpoolLock(fresh());
    writeFileSync(lock.path, "999999 1\n");
    lock.release();
    expect(existsSync(lock.path)).toBe(true);
  });
});
