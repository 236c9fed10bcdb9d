import { createHash } from "node:crypto";

/**
 * The public id of an encryption key: the first 16 hex characters of its SHA-256. Stored next to each
 * sealed secret so the right key is picked after a rotation; it reveals nothing usable about the key.
 *
 * @example
 * keyIdOf(Buffer.alloc(32)); // "66687aadf862bd77"
 */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
