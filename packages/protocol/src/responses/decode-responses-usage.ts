import type { IrUsage } from "../ir/usage.js";
import { createFieldReader } from "../openai/create-field-reader.js";

/**
 * The Responses API's `usage` (an upstream's, in `response.completed` or a whole answer) → IR usage.
 * The meanings agree: input_tokens includes cached tokens, output_tokens includes reasoning tokens.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 *
 * @example
 * decodeResponsesUsage({ input_tokens: 9, output_tokens: 3 }); // { inputTokens: 9, outputTokens: 3 }
 */
export function decodeResponsesUsage(value: unknown): IrUsage {
  const r = createFieldReader("upstream_error");
  const u = r.object(value, "usage");
  const count = (v: unknown, param: string) =>
    r.optional(v, (x) => r.number(x, param, { integer: true, min: 0 }));
  const usage: IrUsage = {
    inputTokens: count(u.input_tokens, "usage.input_tokens") ?? 0,
    outputTokens: count(u.output_tokens, "usage.output_tokens") ?? 0,
  };
  const input = r.optional(u.input_tokens_details, (v) => r.object(v, "usage.input_tokens_details"));
  const output = r.optional(u.output_tokens_details, (v) => r.object(v, "usage.output_tokens_details"));
  const cached = count(input?.cached_tokens, "usage.input_tokens_details.cached_tokens");
  const reasoning = count(output?.reasoning_tokens, "usage.output_tokens_details.reasoning_tokens");
  if (cached) usage.cacheReadTokens = cached;
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}
