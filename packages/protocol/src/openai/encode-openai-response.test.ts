import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import { fixtureJson } from "./__fixtures__/fixtures.js";
import { decodeOpenAIResponse } from "./decode-openai-response.js";
import { encodeOpenAIResponse } from "./encode-openai-response.js";

describe("encodeOpenAIResponse", () => {
  it("writes a chat.completion with the public model name", () => {
    const ir = decodeOpenAIResponse(fixtureJson("chat-response-tool-calls.json"));
    expect(encodeOpenAIResponse(ir, "weather-model")).toEqual({
      id: "chatcmpl-AbC123",
      object: "chat.completion",
      created: 1741569952,
      model: "weather-model",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: "call_a",
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Paris"}' },
              },
              {
                id: "call_b",
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Lyon"}' },
              },
            ],
          },
          logprobs: null,
          finish_reason: "tool_calls",
        },
      ],
      usage: {
        prompt_tokens: 82,
        completion_tokens: 40,
        total_tokens: 122,
        prompt_tokens_details: { cached_tokens: 64 },
        completion_tokens_details: { reasoning_tokens: 12 },
      },
    });
  });

  it("puts reasoning in reasoning_content without signatures or redacted data, and maps finish reasons", () => {
    const ir: IrChatResponse = {
      id: "msg_1",
      model: "claude",
      created: 7,
      content: [
        { type: "reasoning", text: "step 1", signature: "EqQBCgIYAhIM" },
        { type: "reasoning", text: "", redactedData: "opaque" },
        { type: "text", text: "Done." },
      ],
      finishReason: "stop_sequence",
      stopSequence: "END",
      usage: { inputTokens: 3, outputTokens: 4, cacheWriteTokens: 2 },
    };
    const out = encodeOpenAIResponse(ir, "m");
    expect(out.choices[0]!.message).toEqual({
      role: "assistant",
      content: "Done.",
      refusal: null,
      reasoning_content: "step 1",
    });
    expect(JSON.stringify(out)).not.toContain("EqQBCgIYAhIM");
    expect(out.choices[0]!.finish_reason).toBe("stop");
    expect(out.usage.prompt_tokens_details).toEqual({ cached_tokens: 0, cache_write_tokens: 2 });
  });
});
