// Gateway keys that pass Gatehouse's shape check (`gh_` + 32 base62 characters + a 6-character base62
// CRC32 of `gh_` + the body, apps/server/src/auth/api-key-format.ts) but were never issued: the wrong-key
// scenario needs a key the server must look up, not one it can reject by its shape alone. The bench talks
// HTTP only, so the format is restated here; `isWellFormedKey` is checked against the key the CLI issued
// at run time, so a change of format stops the scenario instead of measuring the wrong thing.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const PREFIX = "gh_";
const BODY_LENGTH = 32;
const CHECK_LENGTH = 6;

function crc32(text) {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) {
    c ^= text.charCodeAt(i) & 0xff;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function base62(n, width) {
  let out = "";
  let rest = n;
  for (let i = 0; i < width; i += 1) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

const checksum = (body) => base62(crc32(PREFIX + body), CHECK_LENGTH);

/** Whether `key` has the shape and checksum of a Gatehouse key (no lookup). */
export function isWellFormedKey(key) {
  if (!/^gh_[0-9A-Za-z]{38}$/.test(key)) return false;
  const body = key.slice(PREFIX.length, PREFIX.length + BODY_LENGTH);
  return key.slice(PREFIX.length + BODY_LENGTH) === checksum(body);
}

/**
 * A well-formed key from `random` (a function returning floats in [0, 1)); with a seeded source the
 * same key every run.
 *
 * @example
 * isWellFormedKey(wellFormedKey(Math.random)) // true
 */
export function wellFormedKey(random) {
  let body = "";
  for (let i = 0; i < BODY_LENGTH; i += 1) body += ALPHABET[Math.floor(random() * 62)];
  return PREFIX + body + checksum(body);
}
