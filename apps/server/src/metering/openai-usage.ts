import type { IrUsage } from "@gatehouse/protocol";

/** OpenAI's usage object, as far as metering reads it. */
interface OpenAIUsageWire {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
}

const count = (v: unknown): number =>
  typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;

/**
 * Reads OpenAI's usage object into IR usage; undefined when it is absent or not an object.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function readOpenAIUsage(value: unknown): IrUsage | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const u = value as OpenAIUsageWire;
  const usage: IrUsage = { inputTokens: count(u.prompt_tokens), outputTokens: count(u.completion_tokens) };
  const cached = count(u.prompt_tokens_details?.cached_tokens);
  const reasoning = count(u.completion_tokens_details?.reasoning_tokens);
  if (cached) usage.cacheReadTokens = cached;
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}
