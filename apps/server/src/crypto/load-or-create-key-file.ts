import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { GatewayError } from "@gatehouse/protocol";
import { parseKeyMaterial } from "./parse-key-material.js";

const KEY_BYTES = 32;
const OWNER_ONLY = 0o600;

/**
 * The embedded mode's encryption key: read from `path`, or, on first start, 32 random bytes written there
 * as base64 with mode 0600. The file is created with the `wx` flag, so two processes starting together
 * cannot both create it. An existing file readable or writable by group or others, or one that does not
 * hold a 32-byte base64 key, is refused with an error that says how to fix it and never shows the key.
 *
 * @example
 * const box = new SecretBox(loadOrCreateKeyFile("data/encryption.key"));
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, "wx", OWNER_ONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readKeyFile(path);
  }
  try {
    // The umask may have narrowed the mode; set exactly 0600 so our own check accepts the file next time.
    fchmodSync(fd, OWNER_ONLY);
    const key = randomBytes(KEY_BYTES);
    writeSync(fd, `${key.toString("base64")}\n`);
    fsyncSync(fd);
    return key;
  } finally {
    closeSync(fd);
  }
}

function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new GatewayError(
      "internal_error",
      `The key file ${path} has mode 0${mode.toString(8)}; it must be readable by its owner only ` +
        `(run: chmod 600 ${path}).`,
    );
  }
  try {
    return parseKeyMaterial(readFileSync(path, "utf8"));
  } catch {
    throw new GatewayError(
      "internal_error",
      `The key file ${path} does not hold a ${KEY_BYTES}-byte base64 key; restore it from a backup ` +
        "(a new key cannot open the secrets sealed with the old one).",
    );
  }
}
