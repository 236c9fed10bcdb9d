import type { IrUsage } from "../ir/usage.js";
import type { ResponsesUsage } from "./responses-wire-types.js";

/**
 * IR usage → the Responses API's `usage`. The meanings agree with the IR's: input_tokens counts cached
 * tokens too, output_tokens counts reasoning tokens too.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 *
 * @example
 * encodeResponsesUsage({ inputTokens: 10, outputTokens: 5, reasoningTokens: 2 }).total_tokens; // 15
 */
export function encodeResponsesUsage(usage: IrUsage): ResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}
