import { createHash, randomBytes } from "node:crypto";

/** Crockford-like alphabet without look-alikes (no 0/O, 1/I/L), 32 symbols: 5 bits each. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 5;

/**
 * A new redemption code, shown once: `GH-` and four groups of five symbols (about 99 bits), e.g.
 * `GH-7KQ2M-XW9PD-4HT3R-BN8CE`. Only its {@link hashRedemptionCode} is stored.
 *
 * @example
 * const code = generateRedemptionCode();
 */
export function generateRedemptionCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    while (group.length < GROUP_LENGTH) {
      for (const byte of randomBytes(GROUP_LENGTH * 2)) {
        // 248 = 8 × 31: bytes above it are dropped so every symbol is equally likely.
        if (byte >= 248 || group.length === GROUP_LENGTH) continue;
        group += ALPHABET[byte % ALPHABET.length];
      }
    }
    groups.push(group);
  }
  return `GH-${groups.join("-")}`;
}

/**
 * The stored form of a code: SHA-256 of its normalized text (upper case, spaces removed), so a code typed
 * in lower case or with spaces still redeems.
 *
 * @example
 * hashRedemptionCode(" gh-7kq2m-xw9pd-4ht3r-bn8ce ") === hashRedemptionCode("GH-7KQ2M-XW9PD-4HT3R-BN8CE"); // true
 */
export function hashRedemptionCode(code: string): string {
  return createHash("sha256").update(code.replace(/\s+/g, "").toUpperCase()).digest("hex");
}
