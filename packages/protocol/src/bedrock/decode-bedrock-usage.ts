import type { IrUsage } from "../ir/usage.js";

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Bedrock's `usage` → IR usage. Bedrock reports `inputTokens` apart from the cache reads and writes (as
 * Anthropic does), so IR input is their sum. Bedrock does not break reasoning out of `outputTokens`.
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
  return usage;
}
