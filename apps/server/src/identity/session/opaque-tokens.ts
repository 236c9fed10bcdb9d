import { createHash, randomBytes } from "node:crypto";

/** Lowercase letters and digits: the prefix must not contain the `_` that ends it. */
const PREFIX = /^[a-z][a-z0-9]{0,15}$/;

/**
 * A fresh opaque token, `<prefix>_<32 random bytes, base64url>`, and the hash to store in its place.
 * Prefixes in use: `ghr` refresh, `ghp` password reset, `ghv` email verification, `ghi` invitation.
 * The prefix lets secret scanners and humans tell what leaked; 256 random bits make guessing pointless,
 * so a plain SHA-256 (not a slow hash) is enough to keep a database dump from yielding usable tokens.
 *
 * @example
 * const { token, hash } = newOpaqueToken("ghr"); // send `token` once, store `hash`
 */
export function newOpaqueToken(prefix: string): { token: string; hash: string } {
  if (!PREFIX.test(prefix)) throw new RangeError(`Invalid token prefix '${prefix}'.`);
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashOpaqueToken(token) };
}

/**
 * The stored form of an opaque token: SHA-256 of the whole token (prefix included), lowercase hex.
 * Look a presented token up by this hash; the hash is an index key, so no constant-time compare is needed.
 *
 * @example
 * const row = await findRefreshToken(hashOpaqueToken(presented));
 */
export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
