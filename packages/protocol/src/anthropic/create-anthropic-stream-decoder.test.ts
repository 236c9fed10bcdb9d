import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { SseEvent } from "../sse/sse-parser.js";
import { fixtureFrames, parseSse } from "./__fixtures__/load-fixture.js";
import {
  type AnthropicStreamDecodeOptions,
  createAnthropicStreamDecoder,
} from "./create-anthropic-stream-decoder.js";

const now = () => 1_700_000_000_000;

function decode(frames: SseEvent[], options: AnthropicStreamDecodeOptions = {}): IrStreamEvent[] {
  const decoder = createAnthropicStreamDecoder({ now, ...options });
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}

const ev = (type: string, data: Record<string, unknown>): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...data }),
});
const start = ev("message_start", {
  message: { id: "msg_1", model: "claude-x", usage: { input_tokens: 3, output_tokens: 1 } },
});

describe("createAnthropicStreamDecoder", () => {
  it("decodes the documented text stream, with cache reads counted in inputTokens", () => {
    expect(decode(fixtureFrames("stream-text.chunks.txt"))).toEqual([
      {
        type: "start",
        id: "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY",
        model: "claude-opus-4-6",
        created: 1_700_000_000,
      },
      { type: "usage", usage: { inputTokens: 125, outputTokens: 1, cacheReadTokens: 100 } },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hello" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "!" } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 125, outputTokens: 15, cacheReadTokens: 100 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
  });

  it("decodes the documented tool-use stream with streamed arguments", () => {
    const events = decode(fixtureFrames("stream-tool-use.chunks.txt"));
    expect(events.filter((e) => e.type.startsWith("block") && (e as { index: number }).index === 1)).toEqual([
      {
        type: "block_start",
        index: 1,
        block: { type: "tool_call", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather" },
      },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"location":' } },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: ' "San Francisco, CA"}' } },
      { type: "block_end", index: 1 },
    ]);
    expect(events.slice(-2)).toEqual([{ type: "finish", reason: "tool_calls" }, { type: "end" }]);
  });

  it("decodes thinking with its signature byte-exact, redacted thinking, and thinking token usage", () => {
    const events = decode(fixtureFrames("stream-thinking.chunks.txt"));
    expect(events.slice(2, 12)).toEqual([
      { type: "block_start", index: 0, block: { type: "reasoning" } },
      {
        type: "block_delta",
        index: 0,
        delta: { type: "reasoning", text: "Let me solve this step by step:\n\n1. First break down 27 * 453" },
      },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: "\n2. 453 = 400 + 50 + 3" } },
      {
        type: "block_delta",
        index: 0,
        delta: { type: "signature", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..." },
      },
      { type: "block_end", index: 0 },
      {
        type: "block_start",
        index: 1,
        block: { type: "redacted_reasoning", data: "EmwKAhgBEgy3va3pzix/LafPsn4a" },
      },
      { type: "block_end", index: 1 },
      { type: "block_start", index: 2, block: { type: "text" } },
      { type: "block_delta", index: 2, delta: { type: "text", text: "27 * 453 = 12,231" } },
      { type: "block_end", index: 2 },
    ]);
    expect(events.at(-3)).toEqual({
      type: "usage",
      usage: { inputTokens: 30, outputTokens: 120, reasoningTokens: 90 },
    });
  });

  it("turns an in-stream error event into an IR error and nothing after it", () => {
    const frames = [...fixtureFrames("stream-error.chunks.txt"), ev("message_stop", {})];
    const events = decode(frames);
    expect(events.at(-1)).toEqual({ type: "error", code: "upstream_overloaded", message: "Overloaded" });
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it("yields stream_interrupted when the body ends after message_delta but before message_stop", () => {
    const frames = fixtureFrames("stream-text.chunks.txt").slice(0, -1);
    const events = decode(frames);
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "stream_interrupted",
      message: "The Anthropic stream ended before message_stop",
    });
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it("re-indexes blocks around skipped server-tool blocks and gives input-less tool calls {}", () => {
    const events = decode([
      start,
      ev("content_block_start", {
        index: 0,
        content_block: { type: "server_tool_use", id: "s", name: "web_search", input: {} },
      }),
      ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '{"q":1}' } }),
      ev("content_block_stop", { index: 0 }),
      ev("content_block_start", {
        index: 1,
        content_block: { type: "tool_use", id: "t", name: "now", input: {} },
      }),
      ev("content_block_stop", { index: 1 }),
      ev("message_delta", {
        delta: { stop_reason: "tool_use", stop_sequence: null },
        usage: { output_tokens: 4 },
      }),
      ev("message_stop", {}),
    ]);
    expect(events.filter((e) => e.type.startsWith("block"))).toEqual([
      { type: "block_start", index: 0, block: { type: "tool_call", id: "t", name: "now" } },
      { type: "block_delta", index: 0, delta: { type: "tool_arguments", json: "{}" } },
      { type: "block_end", index: 0 },
    ]);
  });

  it("streams the forced JSON tool's input as text and finishes with stop", () => {
    const events = decode(
      [
        start,
        ev("content_block_start", {
          index: 0,
          content_block: { type: "tool_use", id: "t", name: "weather", input: {} },
        }),
        ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '{"t":' } }),
        ev("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: "21}" } }),
        ev("content_block_stop", { index: 0 }),
        ev("message_delta", { delta: { stop_reason: "tool_use" }, usage: { output_tokens: 4 } }),
        ev("message_stop", {}),
      ],
      { jsonToolName: "weather" },
    );
    expect(events.filter((e) => e.type.startsWith("block") || e.type === "finish")).toEqual([
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: '{"t":' } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "21}" } },
      { type: "block_end", index: 0 },
      { type: "finish", reason: "stop" },
    ]);
  });

  it("keeps the stop sequence and closes blocks left open at message_stop", () => {
    const events = decode([
      start,
      ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
      ev("content_block_delta", { index: 0, delta: { type: "text_delta", text: "a" } }),
      ev("message_delta", {
        delta: { stop_reason: "stop_sequence", stop_sequence: "###" },
        usage: { output_tokens: 2 },
      }),
      ev("message_stop", {}),
    ]);
    expect(events.slice(-3)).toEqual([
      { type: "block_end", index: 0 },
      { type: "finish", reason: "stop_sequence", stopSequence: "###" },
      { type: "end" },
    ]);
  });

  it("reports malformed frames as an upstream error", () => {
    expect(decode([{ event: "message_start", data: "{not json" }])).toEqual([
      { type: "error", code: "upstream_error", message: "Anthropic sent a stream event that is not JSON" },
    ]);
    expect(
      decode([ev("content_block_start", { index: 0, content_block: { type: "text" } })])[0],
    ).toMatchObject({
      type: "error",
      code: "upstream_error",
    });
  });

  it("ignores pings and unknown events, and reads the type from data when the event name is missing", () => {
    const events = decode(
      parseSse(
        'data: {"type":"message_start","message":{"id":"m","model":"x"}}\n\ndata: {"type":"ping"}\n\n',
      ),
    );
    expect(events.map((e) => e.type)).toEqual(["start", "usage", "error"]);
    const decoder = createAnthropicStreamDecoder({ now });
    decoder.push(start);
    expect(decoder.push(ev("brand_new_event", { x: 1 }))).toEqual([]);
  });
});
