import { randomFillSync } from "node:crypto";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const POOL_IDS = 256;

/**
 * Request ids as UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then 74 random bits. Usage
 * records are keyed by request id; a time-ordered key appends to the right edge of the primary-key
 * B-tree, where a random UUIDv4 lands on a random page — once the index outgrows SQLite's page cache
 * every insert and every finalize reads pages back, and the bench's cost per request climbed by a
 * fifth within a minute of load (bench/README.md, "Findings", has the figures).
 * Random bytes are drawn in batches: one system call per 256 ids.
 */
export function createRequestIdSource(now: () => number = Date.now): () => string {
  const pool = Buffer.allocUnsafe(POOL_IDS * 10);
  let offset = pool.length;
  return () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    const r = offset;
    offset += 10;
    const ms = now();
    const high = Math.floor(ms / 0x1000000); // top 24 of the 48 bits
    const low = ms % 0x1000000;
    return (
      HEX[(high >>> 16) & 0xff]! +
      HEX[(high >>> 8) & 0xff]! +
      HEX[high & 0xff]! +
      HEX[(low >>> 16) & 0xff]! +
      "-" +
      HEX[(low >>> 8) & 0xff]! +
      HEX[low & 0xff]! +
      "-7" +
      HEX[pool[r]! & 0x0f]!.slice(1) +
      HEX[pool[r + 1]!]! +
      "-" +
      HEX[(pool[r + 2]! & 0x3f) | 0x80]! +
      HEX[pool[r + 3]!]! +
      "-" +
      HEX[pool[r + 4]!]! +
      HEX[pool[r + 5]!]! +
      HEX[pool[r + 6]!]! +
      HEX[pool[r + 7]!]! +
      HEX[pool[r + 8]!]! +
      HEX[pool[r + 9]!]!
    );
  };
}
