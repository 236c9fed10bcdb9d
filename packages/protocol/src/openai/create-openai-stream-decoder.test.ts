import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { SseEvent } from "../sse/sse-parser.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureSse } from "./__fixtures__/fixtures.js";
import { createOpenAIStreamDecoder } from "./create-openai-stream-decoder.js";

function decodeAll(frames: SseEvent[]): IrStreamEvent[] {
  const decoder = createOpenAIStreamDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}

const chunk = (delta: object, finish: string | null = null) => ({
  data: JSON.stringify({
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index: 0, delta, finish_reason: finish }],
  }),
});

describe("createOpenAIStreamDecoder", () => {
  it("decodes a text stream with its usage chunk", () => {
    expect(decodeAll(fixtureSse("stream-text-usage.chunks.txt"))).toEqual([
      { type: "start", id: "chatcmpl-1", model: "gpt-4o-2024-08-06", created: 1741569952 },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hello" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: " world" } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 19, outputTokens: 2 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
  });

  it("decodes parallel tool calls into one block each, in order", () => {
    expect(decodeAll(fixtureSse("stream-tool-calls.chunks.txt"))).toEqual([
      { type: "start", id: "chatcmpl-2", model: "gpt-4o-2024-08-06", created: 1741570000 },
      { type: "block_start", index: 0, block: { type: "tool_call", id: "call_a", name: "get_weather" } },
      { type: "block_delta", index: 0, delta: { type: "tool_arguments", json: '{"city":' } },
      { type: "block_delta", index: 0, delta: { type: "tool_arguments", json: '"Paris"}' } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "tool_call", id: "call_b", name: "get_weather" } },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"city":"Lyon"}' } },
      { type: "block_end", index: 1 },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
  });

  it("decodes DeepSeek reasoning_content deltas as a reasoning block before the text block", () => {
    expect(decodeAll(fixtureSse("stream-deepseek-reasoning.chunks.txt"))).toEqual([
      { type: "start", id: "ds-1", model: "deepseek-reasoner", created: 1737521178 },
      { type: "block_start", index: 0, block: { type: "reasoning" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: "Compare" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: " digits." } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "text" } },
      { type: "block_delta", index: 1, delta: { type: "text", text: "9.8" } },
      { type: "block_end", index: 1 },
      { type: "usage", usage: { inputTokens: 10, outputTokens: 15, reasoningTokens: 9 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
  });

  it("turns an in-stream error into an IR error and stops", () => {
    const events = decodeAll(fixtureSse("stream-error.chunks.txt"));
    expect(events.slice(-1)).toEqual([
      {
        type: "error",
        code: "upstream_error",
        message: "The server had an error while processing your request. Sorry about that!",
      },
    ]);
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it("classifies in-stream rate limits and context overflows", () => {
    const err = (error: object) => decodeAll([{ data: JSON.stringify({ error }) }]);
    expect(err({ message: "slow down", type: "rate_limit_error" })[0]).toMatchObject({
      code: "upstream_rate_limited",
    });
    expect(err({ message: "x", code: "context_length_exceeded" })[0]).toMatchObject({
      code: "context_length_exceeded",
    });
  });

  it("reports stream_interrupted, never finish, when the body ends before [DONE]", () => {
    const frames = fixtureSse("stream-text-usage.chunks.txt").slice(0, -1);
    const events = decodeAll(frames);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "stream_interrupted" });
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it("reports non-JSON data as an upstream error", () => {
    expect(decodeAll([{ data: "{oops" }])).toEqual([
      {
        type: "error",
        code: "upstream_error",
        message: "Unexpected upstream stream data: an event is not JSON",
      },
    ]);
  });

  it("opens a new block for each new tool call id, even when a server reuses index 0", () => {
    const call = (id: string | undefined, args: string) =>
      chunk({
        tool_calls: [
          {
            index: 0,
            ...(id
              ? { id, type: "function", function: { name: "f", arguments: args } }
              : { function: { arguments: args } }),
          },
        ],
      });
    const events = decodeAll([
      call("a", "{"),
      call(undefined, "}"),
      call("b", "{}"),
      chunk({}, "tool_calls"),
      { data: "[DONE]" },
    ]);
    expect(events.filter((e) => e.type === "block_start")).toEqual([
      { type: "block_start", index: 0, block: { type: "tool_call", id: "a", name: "f" } },
      { type: "block_start", index: 1, block: { type: "tool_call", id: "b", name: "f" } },
    ]);
    expect(events.filter((e) => e.type === "block_delta").map((e) => e.index)).toEqual([0, 0, 1]);
  });

  it("refuses interleaved fragments of tool calls already closed", () => {
    const events = decodeAll([
      chunk({ tool_calls: [{ index: 0, id: "a", function: { name: "f", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 1, id: "b", function: { name: "g", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: "{}" } }] }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "upstream_error" });
  });

  it("skips Azure's opening chunk without id or choices", () => {
    const azure = {
      data: JSON.stringify({
        id: "",
        object: "",
        created: 0,
        model: "",
        choices: [],
        prompt_filter_results: [],
      }),
    };
    const events = decodeAll([azure, chunk({ content: "x" }, "stop"), { data: "[DONE]" }]);
    expect(events[0]).toEqual({ type: "start", id: "c", model: "m", created: 1 });
  });

  it("never throws, whatever the frames", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            jsonValueArb.map((v) => JSON.stringify(v)),
            fc.string(),
            fc.constant("[DONE]"),
          ),
        ),
        (datas) => {
          const events = decodeAll(datas.map((data) => ({ data })));
          const last = events.at(-1);
          expect(last?.type === "end" || last?.type === "error").toBe(true);
        },
      ),
    );
  });
});
