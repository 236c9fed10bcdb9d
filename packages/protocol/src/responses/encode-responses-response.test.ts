import { describe, expect, it } from "vitest";
import { encodeResponsesResponse } from "./encode-responses-response.js";

const settings = { echo: { instructions: "Be brief", store: true }, encryptedReasoning: false };

describe("encodeResponsesResponse", () => {
  it("writes reasoning, text and a tool call as output items, with usage and the echoed settings", () => {
    const out = encodeResponsesResponse(
      {
        id: "msg_01",
        model: "up",
        created: 9,
        content: [
          { type: "reasoning", text: "Thinking", signature: "sig" },
          { type: "text", text: "Calling." },
          { type: "tool_call", id: "toolu_1", name: "lookup", arguments: '{"q":"x"}' },
        ],
        finishReason: "tool_calls",
        usage: { inputTokens: 10, outputTokens: 6, reasoningTokens: 2, cacheReadTokens: 4 },
      },
      "public-model",
      settings,
    );
    expect(out).toEqual({
      id: "resp_msg01",
      object: "response",
      created_at: 9,
      status: "completed",
      error: null,
      incomplete_details: null,
      model: "public-model",
      instructions: "Be brief",
      store: true,
      output: [
        { type: "reasoning", id: "rs_msg01_0", summary: [{ type: "summary_text", text: "Thinking" }] },
        {
          type: "message",
          id: "msg_msg01_1",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: "Calling.", annotations: [], logprobs: [] }],
        },
        {
          type: "function_call",
          id: "fc_msg01_2",
          call_id: "toolu_1",
          name: "lookup",
          arguments: '{"q":"x"}',
          status: "completed",
        },
      ],
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 6,
        output_tokens_details: { reasoning_tokens: 2 },
        total_tokens: 16,
      },
    });
  });

  it("carries the reasoning signature as encrypted_content only when the client included it", () => {
    const answer = {
      id: "x",
      model: "up",
      created: 1,
      content: [{ type: "reasoning" as const, text: "", signature: "sig" }],
      finishReason: "stop" as const,
      usage: { inputTokens: 1, outputTokens: 1 },
    };
    expect(encodeResponsesResponse(answer, "m", { echo: {}, encryptedReasoning: true }).output[0]).toEqual({
      type: "reasoning",
      id: "rs_x_0",
      summary: [],
      encrypted_content: "sig",
    });
  });

  it.each([
    ["length", "incomplete", { reason: "max_output_tokens" }],
    ["content_filter", "incomplete", { reason: "content_filter" }],
    ["stop", "completed", null],
  ] as const)("finish %s → status %s", (finishReason, status, details) => {
    const out = encodeResponsesResponse(
      {
        id: "x",
        model: "up",
        created: 1,
        content: [],
        finishReason,
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      "m",
      settings,
    );
    expect([out.status, out.incomplete_details]).toEqual([status, details]);
  });
});
