// A small seeded random source (mulberry32): the fuzz bodies and the wrong key are the same every run,
// so two runs' status counts compare, and a body that caused a 5xx can be generated again from its index.

/**
 * A generator of floats in [0, 1) from a 32-bit `seed`, with integer and choice helpers.
 *
 * @example
 * const rng = seededRandom(42); rng.int(10); rng.pick(["a", "b"]);
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/**
 * A 32-bit seed from a run seed and any labels (surface name, body index): FNV-1a over their text.
 *
 * @example
 * seededRandom(seedOf(1, "openai", 17))
 */
export function seedOf(...parts) {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
