/**
 * Token usage of one call, in ONE meaning for every provider (the decoders convert):
 * - `inputTokens` counts every prompt token, cached or not (OpenAI's and Gemini's meaning; Anthropic's
 *   and Bedrock's `input_tokens` exclude cache reads and writes, so their decoders add them back).
 *   `cacheReadTokens` and `cacheWriteTokens` are parts of it; `cacheWrite1hTokens` is the part of
 *   `cacheWriteTokens` written with the 1-hour TTL (the rest used the default 5 minutes);
 *   `imageTokens` and `audioTokens` are the image and audio parts of the prompt.
 * - `outputTokens` counts every generated token, reasoning included (OpenAI's meaning; Gemini reports
 *   thoughts apart from `candidatesTokenCount`, so its decoder adds them). `reasoningTokens` and
 *   `audioOutputTokens` are parts of it.
 * No token is in two parts of one whole except as stated (a cache read is never also a cache write), so
 * pricing can take each part once (apps/server/src/metering/compute-cost.ts).
 */
export interface IrUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  cacheWrite1hTokens?: number;
  imageTokens?: number;
  audioTokens?: number;
  reasoningTokens?: number;
  audioOutputTokens?: number;
}

/** Usage with every count zero. */
export function emptyUsage(): IrUsage {
  return { inputTokens: 0, outputTokens: 0 };
}
