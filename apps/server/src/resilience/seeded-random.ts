/**
 * A small deterministic PRNG (mulberry32) with the shape of Math.random, so tests of random choices
 * assert exact outcomes and proportions without flaking. Not for anything secret.
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number in [0, 1) on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
