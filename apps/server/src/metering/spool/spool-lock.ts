import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../config/config.js";

/** A held lock; `release()` removes it (only if it is still this process's). */
export interface SpoolLock {
  readonly path: string;
  release(): void;
}

/** Who holds a lock: a pid and, where /proc exists, that process's start time (pids are reused). */
interface Holder {
  pid: number;
  startTime: string | undefined;
}

/**
 * Locks a spool directory for this process, so a second server on the same data directory, started
 * while this one runs, refuses to start instead of replaying (and deleting) a live spool.
 *
 * The lock is a file `lock` holding "pid start-time". It is created complete and atomically (written
 * under a temporary name, then hard-linked into place: link fails if the name exists), so no reader sees
 * it half-written. A lock whose process is gone — or whose pid now belongs to a process started at
 * another time, as pid 1 of every container restart — is stale and taken over. Two processes taking
 * over the same stale lock in the same instant could both succeed; starting two servers on one data
 * directory within microseconds of each other after a crash is not a case worth a lock daemon.
 *
 * @example
 * const lock = acquireSpoolLock(dir); // throws ConfigError while another live process holds it
 * lock.release();
 */
export function acquireSpoolLock(dir: string, self: Holder = currentProcess()): SpoolLock {
  const path = join(dir, "lock");
  const text = `${self.pid} ${self.startTime ?? "-"}\n`;
  const temp = join(dir, `lock.${randomUUID()}`);
  writeFileSync(temp, text, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, path);
        return { path, release: () => releaseIfOurs(path, text) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder)) {
        throw new ConfigError(
          `the usage spool ${dir} is in use by process ${holder.pid} (another Gatehouse server on this data directory?)`,
        );
      }
      takeOverStale(path, self.pid);
    }
    throw new ConfigError(`could not lock the usage spool ${dir}`);
  } finally {
    unlinkSync(temp);
  }
}

function releaseIfOurs(path: string, text: string): void {
  try {
    if (readFileSync(path, "utf8") === text) unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

/** Moves a stale lock aside (rename is atomic: of two processes, one moves it) and removes it. */
function takeOverStale(path: string, pid: number): void {
  const aside = `${path}.stale.${pid}`;
  try {
    renameSync(path, aside);
    unlinkSync(aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/** The holder named in the lock file; undefined when the file is gone or unreadable as a holder. */
function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const [pid, startTime] = text.trim().split(" ");
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  return { pid: n, startTime: startTime === "-" ? undefined : startTime };
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = processStartTime(holder.pid);
  return holder.startTime === undefined || now === undefined || now === holder.startTime;
}

function currentProcess(): Holder {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

/**
 * Field 22 of /proc/<pid>/stat, the process's start time in clock ticks since boot; undefined without
 * /proc. The command name (field 2) may hold spaces and parentheses, so fields are counted after the
 * last ')'. See https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html.
 */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .at(22 - 3);
  } catch {
    return undefined;
  }
}
