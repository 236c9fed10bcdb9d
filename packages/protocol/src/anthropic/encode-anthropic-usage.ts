import type { IrUsage } from "../ir/usage.js";
import type { AnthropicUsage } from "./anthropic-wire-types.js";

/**
 * IR usage → Anthropic `usage`. The IR's `inputTokens` includes cached tokens; Anthropic's
 * `input_tokens` must not, so cache reads and writes are taken out (never below zero). Reasoning
 * tokens go to `output_tokens_details.thinking_tokens` (part of output_tokens, as in the IR); 1-hour
 * cache writes, when known, to `cache_creation` with the TTL split.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 *
 * @example
 * encodeAnthropicUsage({ inputTokens: 100, outputTokens: 5, cacheReadTokens: 90 });
 * // { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 90, output_tokens: 5 }
 */
export function encodeAnthropicUsage(usage: IrUsage): AnthropicUsage {
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  const out: AnthropicUsage = {
    input_tokens: Math.max(0, usage.inputTokens - read - write),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    output_tokens: usage.outputTokens,
  };
  if (usage.cacheWrite1hTokens !== undefined) {
    const hour = Math.min(usage.cacheWrite1hTokens, write);
    out.cache_creation = { ephemeral_5m_input_tokens: write - hour, ephemeral_1h_input_tokens: hour };
  }
  if (usage.reasoningTokens !== undefined)
    out.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return out;
}
