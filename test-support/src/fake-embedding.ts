/**
 * A deterministic embedding of `text` with `dimensions` values in [-1, 1), the same in every fake, so
 * tests can compare the vector a client got with `fakeEmbedding(input, n)`. Values are exactly
 * representable as float32 (multiples of 1/1024), so base64 float32 round-trips are lossless.
 *
 * @example
 * fakeEmbedding("hello", 4).length; // 4
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  const out: number[] = [];
  for (let j = 0; j < dimensions; j++) {
    hash = Math.imul(hash ^ (j + 1), 16777619) >>> 0;
    out.push(((hash % 2048) - 1024) / 1024);
  }
  return out;
}
