import { GatewayError } from "../errors/gateway-error.js";
import { isJsonObject } from "./gemini-field-reader.js";

/**
 * A Gemini `countTokens` answer (`{"totalTokens": n}`) → the token count.
 * @see https://ai.google.dev/api/tokens#response-body
 */
export function decodeGeminiCountTokensResponse(body: unknown): number {
  const total = isJsonObject(body) ? body.totalTokens : undefined;
  // proto3 JSON omits a zero count entirely.
  if (isJsonObject(body) && total === undefined) return 0;
  if (typeof total !== "number" || !Number.isInteger(total) || total < 0) {
    throw new GatewayError(
      "upstream_error",
      "Unexpected Gemini countTokens response: totalTokens must be a non-negative integer",
      {
        provider: "gemini",
      },
    );
  }
  return total;
}
