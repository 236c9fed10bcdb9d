import type { IrUsage } from "../ir/usage.js";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Bedrock's `usage` → IR usage. Bedrock reports `inputTokens` apart from the cache reads and writes (as
 * Anthropic does), so IR input is their sum; `cacheDetails` entries with `ttl: "1h"` are the 1-hour
 * writes. Bedrock does not break reasoning out of `outputTokens`, nor report modalities.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 */
export function decodeBedrockUsage(raw: unknown): IrUsage {
  const u = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const read = count(u.cacheReadInputTokens);
  const write = count(u.cacheWriteInputTokens);
  const usage: IrUsage = {
    inputTokens: count(u.inputTokens) + read + write,
    outputTokens: count(u.outputTokens),
  };
  if (read > 0) usage.cacheReadTokens = read;
  if (write > 0) usage.cacheWriteTokens = write;
  const write1h = Math.min(oneHourWrites(u.cacheDetails), write);
  if (write1h > 0) usage.cacheWrite1hTokens = write1h;
  return usage;
}

/** The writes of `cacheDetails` entries with the 1-hour TTL. @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CacheDetail.html */
function oneHourWrites(details: unknown): number {
  if (!Array.isArray(details)) return 0;
  let n = 0;
  for (const d of details) {
    if (typeof d === "object" && d !== null && (d as Record<string, unknown>).ttl === "1h")
      n += count((d as Record<string, unknown>).inputTokens);
  }
  return n;
}
