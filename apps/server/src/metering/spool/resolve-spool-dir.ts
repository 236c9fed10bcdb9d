import { createHash } from "node:crypto";
import { accessSync, constants, statfsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../../config/config.js";

/** statfs f_type of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/**
 * Where the usage spool lives, or undefined when there is none: in PostgreSQL mode (DATABASE_URL), and
 * with `GATEHOUSE_SPOOL_DIR=off` (`begin` then waits for a SQLite commit, as before the spool).
 * - GATEHOUSE_SPOOL_DIR when given, resolved against the working directory;
 * - else `/dev/shm/gatehouse-<12 hex of sha256(absolute data dir)>` when /dev/shm is a writable tmpfs:
 *   one spool per data directory, in memory, surviving a crash of the process (not a reboot);
 * - else `<data dir>/spool`, on the data directory's disk (see docs/adr/0002-usage-spool.md).
 *
 * @example
 * resolveSpoolDir(loadConfig(process.env)); // "/dev/shm/gatehouse-3f2a…" on Linux by default
 */
export function resolveSpoolDir(
  config: Pick<Config, "spoolDir" | "dataDir" | "databaseUrl">,
  shm = "/dev/shm",
): string | undefined {
  if (config.databaseUrl !== undefined || config.spoolDir === "off") return undefined;
  if (config.spoolDir !== undefined) return resolve(config.spoolDir);
  const absolute = resolve(config.dataDir);
  if (!isWritableTmpfs(shm)) return join(absolute, "spool");
  const hash = createHash("sha256").update(absolute).digest("hex").slice(0, 12);
  return join(shm, `gatehouse-${hash}`);
}

function isWritableTmpfs(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return statfsSync(path).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}
