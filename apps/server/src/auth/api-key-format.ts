import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PREFIX = "gh_";
const BODY_LENGTH = 32;
const CHECK_LENGTH = 6;
/** `gh_` + 32 random base62 characters + a 6-character base62 CRC32 checksum. */
const KEY_PATTERN = /^gh_[0-9A-Za-z]{38}$/;
/** How much of a key listings show, to recognise it without revealing it. */
export const API_KEY_DISPLAY_LENGTH = 10;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

function checksum(body: string): string {
  return base62(crc32(PREFIX + body), CHECK_LENGTH);
}

/**
 * A new API key: prefix, random body (190 bits), checksum. The checksum lets the gateway reject typos and
 * junk before any lookup, and lets secret scanners recognise leaked keys.
 *
 * @example generateApiKey() // "gh_4fZ...Qx91Ab"
 */
export function generateApiKey(): string {
  const bytes = randomBytes(BODY_LENGTH);
  let body = "";
  // 256 % 62 bias is negligible for 190 bits of entropy; rejection sampling would cost more than it buys.
  for (const b of bytes) body += ALPHABET[b % 62];
  return PREFIX + body + checksum(body);
}

/** Whether a string has the shape and checksum of a Gatehouse key (no lookup). */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(PREFIX.length, PREFIX.length + BODY_LENGTH);
  return key.slice(PREFIX.length + BODY_LENGTH) === checksum(body);
}

/** SHA-256 of a key, lowercase hex: what the store keeps. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
