import { describe, expect, it } from "vitest";
import { createFieldReader } from "./create-field-reader.js";
import { decodeOpenAIUsage } from "./map-openai-usage.js";

describe("decodeOpenAIUsage", () => {
  it("keeps cached and audio tokens inside prompt_tokens and reasoning/audio inside completion_tokens", () => {
    // The documented gpt-4o-audio-preview usage object:
    // https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
    const usage = decodeOpenAIUsage(
      {
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 40 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 220 },
      },
      createFieldReader("upstream_error"),
    );
    expect(usage).toEqual({
      inputTokens: 2006,
      outputTokens: 300,
      cacheReadTokens: 1920,
      audioTokens: 40,
      audioOutputTokens: 220,
    });
  });
});
