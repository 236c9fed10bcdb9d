/**
 * Token usage of one call, in one meaning for every provider.
 * `inputTokens` counts every prompt token, cached or not (OpenAI's meaning); `cacheReadTokens` and
 * `cacheWriteTokens` are parts of it. `outputTokens` counts every generated token, reasoning included;
 * `reasoningTokens` is part of it.
 */
export interface IrUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** Usage with every count zero. */
export function emptyUsage(): IrUsage {
  return { inputTokens: 0, outputTokens: 0 };
}
