import { hkdfSync } from "node:crypto";

/**
 * A 32-byte key for one purpose, derived from the installation's master key with HKDF-SHA256
 * (RFC 5869), `info = "gatehouse:<purpose>"`. Each use gets its own key, so a key leaked or misused in
 * one place (say the JWT secret) reveals nothing about the master key or any sibling key. The salt is
 * empty: the master key is already uniformly random, which is the case RFC 5869 §3.1 allows it for.
 * @see https://www.rfc-editor.org/rfc/rfc5869
 *
 * @example
 * const secret = deriveKey(masterKey, "access-token");
 */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  if (masterKey.length < 32) throw new RangeError("The master key must be at least 32 bytes.");
  if (purpose.length === 0) throw new RangeError("A derived key needs a purpose.");
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), `gatehouse:${purpose}`, 32));
}
