/**
 * A token count → Gemini's `countTokens` answer.
 * @see https://ai.google.dev/api/tokens#response-body
 *
 * @example
 * encodeGeminiCountTokensResponse(12); // { totalTokens: 12 }
 */
export function encodeGeminiCountTokensResponse(totalTokens: number): { totalTokens: number } {
  return { totalTokens };
}
