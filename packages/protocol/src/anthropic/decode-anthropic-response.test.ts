import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { fixtureJson } from "./__fixtures__/load-fixture.js";
import { decodeAnthropicResponse } from "./decode-anthropic-response.js";

const now = () => 1_700_000_000_000;

describe("decodeAnthropicResponse", () => {
  it("decodes a documented tool-use answer with thinking and cached usage", () => {
    expect(decodeAnthropicResponse(fixtureJson("response-tool-use.json"), { now })).toEqual({
      id: "msg_01Aq9w938a90dw8q",
      model: "claude-sonnet-4-5-20250929",
      created: 1_700_000_000,
      content: [
        {
          type: "reasoning",
          text: "The user wants the weather.",
          signature: "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL==",
        },
        { type: "text", text: "I'll check the weather." },
        {
          type: "tool_call",
          id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
          name: "get_weather",
          arguments: '{"location":"San Francisco, CA","unit":"fahrenheit"}',
        },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 4672, outputTokens: 89, cacheReadTokens: 3000, cacheWriteTokens: 1200 },
    });
  });

  it("keeps the matched stop sequence and redacted thinking, skipping server-tool blocks", () => {
    const ir = decodeAnthropicResponse(
      {
        id: "msg_2",
        type: "message",
        role: "assistant",
        model: "claude-x",
        content: [
          { type: "redacted_thinking", data: "abc" },
          { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "x" } },
          { type: "text", text: "Done" },
        ],
        stop_reason: "stop_sequence",
        stop_sequence: "END",
        usage: { input_tokens: 1, output_tokens: 2 },
      },
      { now },
    );
    expect(ir.content).toEqual([
      { type: "reasoning", text: "", redactedData: "abc" },
      { type: "text", text: "Done" },
    ]);
    expect(ir.finishReason).toBe("stop_sequence");
    expect(ir.stopSequence).toBe("END");
  });

  it("turns the forced JSON tool back into text and its tool_use stop into a plain stop", () => {
    const body = {
      id: "msg_3",
      type: "message",
      role: "assistant",
      model: "claude-x",
      content: [{ type: "tool_use", id: "toolu_9", name: "weather", input: { t: 21 } }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 2 },
    };
    const ir = decodeAnthropicResponse(body, { jsonToolName: "weather", now });
    expect(ir.content).toEqual([{ type: "text", text: '{"t":21}' }]);
    expect(ir.finishReason).toBe("stop");
    expect(decodeAnthropicResponse(body, { now }).finishReason).toBe("tool_calls");
  });

  it("rejects a body that is not a Message as an upstream error", () => {
    for (const bad of [
      null,
      [],
      { id: "x" },
      { id: "x", model: "m", content: [{ type: "text", text: 5 }] },
    ]) {
      expect(() => decodeAnthropicResponse(bad)).toThrow(GatewayError);
      try {
        decodeAnthropicResponse(bad);
      } catch (err) {
        expect((err as GatewayError).code).toBe("upstream_error");
      }
    }
  });

  it("maps an error body sent with a success status", () => {
    const err = (() => {
      try {
        decodeAnthropicResponse({
          type: "error",
          error: { type: "overloaded_error", message: "Overloaded" },
        });
      } catch (e) {
        return e as GatewayError;
      }
    })();
    expect(err?.code).toBe("upstream_overloaded");
    expect(err?.message).toBe("Overloaded");
    expect(err?.details.upstreamType).toBe("overloaded_error");
  });
});
