import { chmodSync, lstatSync, mkdirSync } from "node:fs";
import { ConfigError } from "../../config/config.js";

/**
 * Creates the directory with mode 0700, or checks an existing one: a real directory (not a symlink),
 * owned by this user, and made 0700. The default spool sits in /dev/shm, which every user may write:
 * without these checks another user could plant a symlink or a directory there and read the usage
 * records or make the server delete files of its choosing.
 *
 * @example
 * ensurePrivateDir("/dev/shm/gatehouse-3f2a…");
 */
export function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ConfigError(`cannot create the usage spool ${dir} (${(err as NodeJS.ErrnoException).code})`);
  }
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new ConfigError(`the usage spool ${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new ConfigError(`the usage spool ${dir} belongs to another user (uid ${stat.uid})`);
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
