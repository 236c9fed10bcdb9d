/**
 * A token count → the count_tokens response body.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 *
 * @example
 * encodeAnthropicCountTokensResponse(42); // { input_tokens: 42 }
 */
export function encodeAnthropicCountTokensResponse(inputTokens: number): { input_tokens: number } {
  return { input_tokens: inputTokens };
}
