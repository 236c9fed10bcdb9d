function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * An id for something Gemini sends without one: a `functionCall` (models before Gemini 3 send no ids) or
 * a response without `responseId`. Deterministic: the same seed (where the call sits, its name and
 * arguments) always gives the same id, so decoding a body twice gives the same ids, and different seeds
 * practically never collide (64 bits of FNV-1a).
 * @see https://ai.google.dev/api/caching#FunctionCall
 *
 * @example
 * synthesizeGeminiId("call", "resp-1/0/get_weather/{\"city\":\"Paris\"}"); // "call_1c3e…" (16 hex digits)
 */
export function synthesizeGeminiId(prefix: string, seed: string): string {
  return `${prefix}_${fnv1a(seed, 0x811c9dc5)}${fnv1a(seed, 0x050c5d1f)}`;
}
