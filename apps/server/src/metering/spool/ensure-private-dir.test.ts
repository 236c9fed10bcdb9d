import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensurePrivateDir } from "./ensure-private-dir.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), "gh-private-")));

describe("ensurePrivateDir", () => {
  it("creates the directory 0700, and makes an existing open one 0700", () => {
    const created = join(fresh(), "a", "spool");
    ensurePrivateDir(created);
    expect(statSync(created).mode & 0o777).toBe(0o700);
    const open = join(dir, "open");
    mkdirSync(open);
    chmodSync(open, 0o777);
    ensurePrivateDir(open);
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });

  it("refuses a symlink or a file planted where the spool goes", () => {
    const target = join(fresh(), "elsewhere");
    mkdirSync(target);
    symlinkSync(target, join(dir, "link"));
    expect(() => ensurePrivateDir(join(dir, "link"))).toThrow("is not a directory");
    writeFileSync(join(dir, "file"), "");
    expect(() => ensurePrivateDir(join(dir, "file"))).toThrow(
      /cannot create the usage spool|not a directory/,
    );
  });
});
