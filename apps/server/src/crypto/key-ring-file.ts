import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { GatewayError } from "@gatehouse/protocol";
import { parseKeyMaterial } from "./parse-key-material.js";

const OWNER_ONLY = 0o600;

/**
 * The master keys that wrap provider credentials' data keys: a file in the data directory holding one
 * base64 key per line, the current key first, older keys (still readable, being retired) after it; lines
 * starting with `#` are comments. While the file does not exist the ring is the single `fallback` key
 * (derived from the installation key), so an installation that never rotated needs no second secret.
 *
 * The file is only ever replaced whole (written to a temporary file with mode 0600, fsynced, renamed), so
 * a reader sees the old ring or the new one, never half of one. `stamp()` changes when the file does,
 * which lets a running server notice a rotation without re-reading the file on every use.
 *
 * @example
 * const ring = new KeyRingFile("data/credentials.keys", box.derive("provider-credentials"));
 * const [current, ...older] = ring.load();
 */
export class KeyRingFile {
  constructor(
    readonly path: string,
    private readonly fallback: Buffer,
  ) {}

  /** The keys, current first. Throws `internal_error` (without key bytes) for a malformed or open file. */
  load(): Buffer[] {
    let text: string;
    try {
      const mode = statSync(this.path).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        throw new GatewayError(
          "internal_error",
          `The key ring ${this.path} has mode 0${mode.toString(8)}; it must be readable by its owner only ` +
            `(run: chmod 600 ${this.path}).`,
        );
      }
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [this.fallback];
      throw error;
    }
    const lines = text
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    if (lines.length === 0) throw new GatewayError("internal_error", `The key ring ${this.path} is empty.`);
    return lines.map((line, i) => {
      try {
        return parseKeyMaterial(line);
      } catch {
        throw new GatewayError(
          "internal_error",
          `Line ${i + 1} of the key ring ${this.path} is not a 32-byte base64 key.`,
        );
      }
    });
  }

  /** Replaces the ring atomically with `keys` (current first), mode 0600. */
  save(keys: readonly Buffer[]): void {
    if (keys.length === 0) throw new GatewayError("internal_error", "A key ring needs at least one key.");
    const temporary = `${this.path}.${randomBytes(6).toString("hex")}.tmp`;
    const fd = openSync(temporary, "wx", OWNER_ONLY);
    try {
      writeSync(
        fd,
        "# Gatehouse provider-credential master keys: current first, older keys after it.\n" +
          "# Written by `gatehouse credentials rotate-key`; keep it secret and back it up.\n" +
          keys.map((k) => `${k.toString("base64")}\n`).join(""),
      );
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      unlinkSync(temporary);
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, this.path);
  }

  /** Changes whenever the file is replaced; "absent" while it does not exist. */
  stamp(): string {
    try {
      const s = statSync(this.path, { bigint: true });
      return `${s.ino}:${s.mtimeNs}:${s.size}`;
    } catch {
      return "absent";
    }
  }
}
