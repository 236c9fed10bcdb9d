import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSpoolDir } from "./resolve-spool-dir.js";

const base = { dataDir: "data", databaseUrl: undefined, spoolDir: undefined };

describe("resolveSpoolDir", () => {
  it("has no spool in PostgreSQL mode or when turned off", () => {
    expect(resolveSpoolDir({ ...base, databaseUrl: "postgres://h/db" })).toBeUndefined();
    expect(resolveSpoolDir({ ...base, databaseUrl: "postgres://h/db", spoolDir: "/x" })).toBeUndefined();
    expect(resolveSpoolDir({ ...base, spoolDir: "off" })).toBeUndefined();
  });

  it("takes GATEHOUSE_SPOOL_DIR, resolved", () => {
    expect(resolveSpoolDir({ ...base, spoolDir: "rel/spool" })).toBe(resolve("rel/spool"));
  });

  it.skipIf(process.platform !== "linux")(
    "defaults to one directory per data directory on /dev/shm (a tmpfs here)",
    () => {
      const a = resolveSpoolDir({ ...base, dataDir: "/srv/a" })!;
      expect(a).toMatch(/^\/dev\/shm\/gatehouse-[0-9a-f]{12}$/);
      expect(resolveSpoolDir({ ...base, dataDir: "/srv/a/" })).toBe(a);
      expect(resolveSpoolDir({ ...base, dataDir: "/srv/b" })).not.toBe(a);
    },
  );

  it("falls back to <data dir>/spool when the shm directory is not a tmpfs, or missing", () => {
    const disk = mkdtempSync(join(tmpdir(), "gh-notmpfs-"));
    try {
      expect(resolveSpoolDir({ ...base, dataDir: "/srv/a" }, disk)).toBe("/srv/a/spool");
      expect(resolveSpoolDir({ ...base, dataDir: "/srv/a" }, join(disk, "none"))).toBe("/srv/a/spool");
    } finally {
      rmSync(disk, { recursive: true });
    }
  });
});
