import { randomBytes } from "node:crypto";

/** The prefix of each kind of id the store generates; a prefix makes an id's kind obvious in logs. */
export type IdPrefix =
  | "ten"
  | "ws"
  | "usr"
  | "key"
  | "prv"
  | "mdl"
  | "dep"
  | "rol"
  | "sa"
  | "inv"
  | "aud"
  | "rtk"
  | "ott"
  | "sso"
  | "rl"
  | "bdg"
  | "pln"
  | "cdt"
  | "rdc"
  | "cnv"
  | "msg"
  | "pst"
  | "shr"
  | "fil";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 20;
/** Bytes at or above this are dropped so every character is equally likely (248 = 4 × 62). */
const UNBIASED_LIMIT = 248;

/**
 * A new random id: the prefix, an underscore and 20 base62 characters from node:crypto (about 119 bits).
 *
 * @example
 * newId("ten"); // "ten_3kZ0qV9xLr2mB7cT1aYw"
 */
export function newId(prefix: IdPrefix): string {
  let out = `${prefix}_`;
  const end = out.length + RANDOM_CHARS;
  while (out.length < end) {
    for (const byte of randomBytes(RANDOM_CHARS + 4)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += ALPHABET[byte % ALPHABET.length];
      if (out.length === end) break;
    }
  }
  return out;
}
