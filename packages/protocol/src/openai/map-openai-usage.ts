import type { IrUsage } from "../ir/usage.js";
import type { FieldReader } from "./create-field-reader.js";
import type { OpenAIUsage } from "./openai-chat-types.js";

/**
 * OpenAI `usage` → IR. The meanings already agree: prompt_tokens includes cached tokens and
 * completion_tokens includes reasoning tokens; `prompt_tokens_details.audio_tokens` and
 * `completion_tokens_details.audio_tokens` are parts of them (IR `audioTokens`, `audioOutputTokens`).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function decodeOpenAIUsage(value: unknown, r: FieldReader): IrUsage {
  const u = r.object(value, "usage");
  const count = (v: unknown, param: string) =>
    r.optional(v, (x) => r.number(x, param, { integer: true, min: 0 }));
  const usage: IrUsage = {
    inputTokens: count(u.prompt_tokens, "usage.prompt_tokens") ?? 0,
    outputTokens: count(u.completion_tokens, "usage.completion_tokens") ?? 0,
  };
  const prompt = r.optional(u.prompt_tokens_details, (v) => r.object(v, "usage.prompt_tokens_details"));
  const completion = r.optional(u.completion_tokens_details, (v) =>
    r.object(v, "usage.completion_tokens_details"),
  );
  const cacheRead = count(prompt?.cached_tokens, "usage.prompt_tokens_details.cached_tokens");
  const cacheWrite = count(prompt?.cache_write_tokens, "usage.prompt_tokens_details.cache_write_tokens");
  const reasoning = count(completion?.reasoning_tokens, "usage.completion_tokens_details.reasoning_tokens");
  const audioIn = count(prompt?.audio_tokens, "usage.prompt_tokens_details.audio_tokens");
  const audioOut = count(completion?.audio_tokens, "usage.completion_tokens_details.audio_tokens");
  if (audioIn) usage.audioTokens = audioIn;
  if (audioOut) usage.audioOutputTokens = audioOut;
  if (cacheRead) usage.cacheReadTokens = cacheRead;
  if (cacheWrite) usage.cacheWriteTokens = cacheWrite;
  if (reasoning) usage.reasoningTokens = reasoning;
  return usage;
}

/**
 * IR usage → OpenAI `usage`, with the detail objects OpenAI always sends (clients read cached_tokens and
 * reasoning_tokens from them).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function encodeOpenAIUsage(usage: IrUsage): OpenAIUsage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens ?? 0,
      ...(usage.cacheWriteTokens === undefined ? {} : { cache_write_tokens: usage.cacheWriteTokens }),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
  };
}
