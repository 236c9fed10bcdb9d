import type { IrUsage } from "../ir/usage.js";
import { isRecord } from "./wire-validation.js";

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Anthropic `usage` → IR usage. Anthropic's `input_tokens` EXCLUDES cache reads and writes, the IR's
 * `inputTokens` includes them, so the three are summed. `output_tokens_details.thinking_tokens`, when
 * the upstream reports it, becomes `reasoningTokens` (already part of `output_tokens`).
 * `cache_creation.ephemeral_1h_input_tokens` becomes `cacheWrite1hTokens` (a part of the cache writes,
 * priced at 2× input instead of 1.25×).
 * Missing or null counts read as zero; `previous` (stream accumulation) fills counts a later
 * message_delta leaves out, since its counts are cumulative.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration
 *
 * @example
 * decodeAnthropicUsage({ input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 5 });
 * // { inputTokens: 100, outputTokens: 5, cacheReadTokens: 90 }
 */
export function decodeAnthropicUsage(usage: unknown, previous?: IrUsage): IrUsage {
  const u = isRecord(usage) ? usage : {};
  const prevRead = previous?.cacheReadTokens ?? 0;
  const prevWrite = previous?.cacheWriteTokens ?? 0;
  const prevUncached = previous === undefined ? 0 : previous.inputTokens - prevRead - prevWrite;
  const uncached = count(u["input_tokens"]) ?? prevUncached;
  const read = count(u["cache_read_input_tokens"]) ?? prevRead;
  const write = count(u["cache_creation_input_tokens"]) ?? prevWrite;
  const out: IrUsage = {
    inputTokens: uncached + read + write,
    outputTokens: count(u["output_tokens"]) ?? previous?.outputTokens ?? 0,
  };
  if (read > 0) out.cacheReadTokens = read;
  if (write > 0) out.cacheWriteTokens = write;
  const creation = u["cache_creation"];
  const write1h =
    (isRecord(creation) ? count(creation["ephemeral_1h_input_tokens"]) : undefined) ??
    previous?.cacheWrite1hTokens;
  if (write1h !== undefined && write1h > 0) out.cacheWrite1hTokens = Math.min(write1h, write);
  const details = u["output_tokens_details"];
  const thinking = isRecord(details) ? count(details["thinking_tokens"]) : undefined;
  const reasoning = thinking ?? previous?.reasoningTokens;
  if (reasoning !== undefined) out.reasoningTokens = reasoning;
  return out;
}
