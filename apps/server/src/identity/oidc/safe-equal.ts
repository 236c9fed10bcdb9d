import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two strings in time independent of where they differ (state, nonce): both are hashed first,
 * so their lengths need not match and leak nothing either.
 *
 * @example
 * safeEqual(callbackState, savedState); // true only when identical
 */
export function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
