import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeBedrockResponse } from "./decode-bedrock-response.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8"));
const context = { requestId: "req-1", model: "claude", now: () => 1_700_000_000_000 };

describe("decodeBedrockResponse", () => {
  it("decodes reasoning, text and tool use, adding cache reads and writes into input", () => {
    expect(decodeBedrockResponse(fixture("converse-response.json"), context)).toEqual({
      id: "req-1",
      model: "claude",
      created: 1_700_000_000,
      content: [
        { type: "reasoning", text: "The user wants the weather.", signature: "EqQBCkYIBxgCKkBsig==" },
        { type: "text", text: "Let me check." },
        {
          type: "tool_call",
          id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
          name: "get_weather",
          arguments: '{"city":"Seattle"}',
        },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 1512, outputTokens: 40, cacheReadTokens: 1200, cacheWriteTokens: 300 },
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
    ["malformed_tool_use", "error"],
    ["something_new", "other"],
  ])("maps stopReason %s to %s", (stopReason, reason) => {
    const body = {
      output: { message: { role: "assistant", content: [{ text: "x" }] } },
      stopReason,
      usage: {},
    };
    expect(decodeBedrockResponse(body, context).finishReason).toBe(reason);
  });

  it("keeps the matched stop sequence and redacted reasoning", () => {
    const body = {
      output: {
        message: {
          role: "assistant",
          content: [{ reasoningContent: { redactedContent: "b3BhcXVl" } }, { text: "a" }],
        },
      },
      stopReason: "stop_sequence",
      additionalModelResponseFields: { stop_sequence: "END" },
      usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    };
    const ir = decodeBedrockResponse(body, context);
    expect(ir.stopSequence).toBe("END");
    expect(ir.finishReason).toBe("stop_sequence");
    expect(ir.content[0]).toEqual({ type: "reasoning", text: "", redactedData: "b3BhcXVl" });
  });

  it("answers upstream_error for a body without a message, and makes up an id when none is known", () => {
    expect(() => decodeBedrockResponse({ output: {} })).toThrow(GatewayError);
    const body = { output: { message: { content: [] } }, stopReason: "end_turn" };
    expect(decodeBedrockResponse(body).id).toMatch(/^bedrock-[0-9a-f-]{36}$/);
  });
});
