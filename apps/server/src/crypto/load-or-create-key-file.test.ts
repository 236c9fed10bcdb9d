import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateKeyFile } from "./load-or-create-key-file.js";

describe("loadOrCreateKeyFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-key-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates a 32-byte key, stored as base64 with mode 0600, in a folder it creates", () => {
    const path = join(dir, "data", "encryption.key");
    const key = loadOrCreateKeyFile(path);
    expect(key.length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, "utf8").trim(), "base64")).toEqual(key);
  });

  it("returns the same key on the next start", () => {
    const path = join(dir, "encryption.key");
    expect(loadOrCreateKeyFile(path)).toEqual(loadOrCreateKeyFile(path));
  });

  it("sets exactly 0600 even when the umask would narrow it", () => {
    const previous = process.umask(0o277);
    try {
      const path = join(dir, "encryption.key");
      loadOrCreateKeyFile(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it.each([0o644, 0o640, 0o604, 0o660])("refuses a key file with mode 0%o", (mode) => {
    const path = join(dir, "encryption.key");
    const key = randomBytes(32).toString("base64");
    writeFileSync(path, key, { mode: 0o600 });
    chmodSync(path, mode);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/chmod 600/);
    try {
      loadOrCreateKeyFile(path);
    } catch (error) {
      expect((error as Error).message).not.toContain(key);
    }
  });

  it.each([
    ["empty", ""],
    ["too short", randomBytes(20).toString("base64")],
    ["garbage", "not a key\n"],
  ])("refuses a key file whose content is %s", (_name, content) => {
    const path = join(dir, "encryption.key");
    writeFileSync(path, content, { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(path)).toThrow(/does not hold a 32-byte base64 key/);
  });

  it("accepts an existing owner-only file written by an operator", () => {
    const path = join(dir, "encryption.key");
    const key = randomBytes(32);
    writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600 });
    expect(loadOrCreateKeyFile(path)).toEqual(key);
  });
});
