import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrChatResponse } from "../ir/chat-response.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeAnthropicResponse } from "./decode-anthropic-response.js";
import { encodeAnthropicResponse } from "./encode-anthropic-response.js";

describe("encodeAnthropicResponse", () => {
  it("writes a Message with Anthropic's usage meaning and the public model name", () => {
    const ir: IrChatResponse = {
      id: "chatcmpl-1",
      model: "gpt-x",
      created: 1,
      content: [
        { type: "reasoning", text: "hmm", signature: "sig==" },
        { type: "reasoning", text: "", redactedData: "opaque" },
        { type: "reasoning", text: "foreign thoughts" },
        { type: "text", text: "Calling." },
        { type: "tool_call", id: "call_1", name: "f", arguments: '{"a":1}' },
        { type: "tool_call", id: "call_2", name: "f", arguments: "{broken" },
      ],
      finishReason: "tool_calls",
      usage: {
        inputTokens: 100,
        outputTokens: 20,
        cacheReadTokens: 60,
        cacheWriteTokens: 10,
        reasoningTokens: 5,
      },
    };
    expect(encodeAnthropicResponse(ir, "my-claude")).toEqual({
      id: "chatcmpl-1",
      type: "message",
      role: "assistant",
      model: "my-claude",
      content: [
        { type: "thinking", thinking: "hmm", signature: "sig==" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "thinking", thinking: "foreign thoughts", signature: "" },
        { type: "text", text: "Calling." },
        { type: "tool_use", id: "call_1", name: "f", input: { a: 1 } },
        { type: "tool_use", id: "call_2", name: "f", input: { _raw_arguments: "{broken" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: {
        input_tokens: 30,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 60,
        output_tokens: 20,
        output_tokens_details: { thinking_tokens: 5 },
      },
    });
  });

  it("writes the stop sequence that matched", () => {
    const ir: IrChatResponse = {
      id: "x",
      model: "m",
      created: 1,
      content: [{ type: "text", text: "a" }],
      finishReason: "stop_sequence",
      stopSequence: "###",
      usage: { inputTokens: 1, outputTokens: 1 },
    };
    const out = encodeAnthropicResponse(ir, "m");
    expect([out.stop_reason, out.stop_sequence]).toEqual(["stop_sequence", "###"]);
  });

  it("keeps text, tool calls and usage through encode → decode", () => {
    const part = fc.oneof(
      fc.string().map((text) => ({ type: "text" as const, text })),
      fc.record({
        type: fc.constant("tool_call" as const),
        id: fc.string({ minLength: 1 }),
        name: fc.string({ minLength: 1 }),
        arguments: fc.dictionary(fc.string(), jsonValueArb).map((o) => JSON.stringify(o)),
      }),
    );
    const usage = fc.record({
      read: fc.nat(1000),
      write: fc.nat(1000),
      fresh: fc.nat(1000),
      out: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(part), usage, (content, u) => {
        const ir: IrChatResponse = {
          id: "msg_1",
          model: "m",
          created: 5,
          content,
          finishReason: "stop",
          usage: {
            inputTokens: u.fresh + u.read + u.write,
            outputTokens: u.out,
            ...(u.read > 0 ? { cacheReadTokens: u.read } : {}),
            ...(u.write > 0 ? { cacheWriteTokens: u.write } : {}),
          },
        };
        const back = decodeAnthropicResponse(JSON.parse(JSON.stringify(encodeAnthropicResponse(ir, "m"))), {
          now: () => 5000,
        });
        expect(back).toEqual(ir);
      }),
    );
  });
});
