import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { fixtureFrames, parseSse } from "./__fixtures__/load-fixture.js";
import { createAnthropicStreamDecoder } from "./create-anthropic-stream-decoder.js";
import { createAnthropicStreamEncoder } from "./create-anthropic-stream-encoder.js";

function encode(events: IrStreamEvent[], model = "claude-public"): string {
  const encoder = createAnthropicStreamEncoder({ model });
  return events.map((e) => encoder.push(e)).join("");
}

const line = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe("createAnthropicStreamEncoder", () => {
  it("writes Anthropic's exact event sequence for text and a tool call", () => {
    const text = encode([
      { type: "start", id: "msg_1", model: "gpt-x", created: 1 },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hi" } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "tool_call", id: "call_1", name: "f" } },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"a":' } },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: "1}" } },
      { type: "block_end", index: 1 },
      { type: "usage", usage: { inputTokens: 110, outputTokens: 7, cacheReadTokens: 100 } },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
    const usage0 = {
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    };
    expect(text).toBe(
      line("message_start", {
        type: "message_start",
        message: {
          id: "msg_1",
          type: "message",
          role: "assistant",
          model: "claude-public",
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: usage0,
        },
      }) +
        line("ping", { type: "ping" }) +
        line("content_block_start", {
          type: "content_block_start",
          index: 0,
          content_block: { type: "text", text: "" },
        }) +
        line("content_block_delta", {
          type: "content_block_delta",
          index: 0,
          delta: { type: "text_delta", text: "Hi" },
        }) +
        line("content_block_stop", { type: "content_block_stop", index: 0 }) +
        line("content_block_start", {
          type: "content_block_start",
          index: 1,
          content_block: { type: "tool_use", id: "call_1", name: "f", input: {} },
        }) +
        line("content_block_delta", {
          type: "content_block_delta",
          index: 1,
          delta: { type: "input_json_delta", partial_json: '{"a":' },
        }) +
        line("content_block_delta", {
          type: "content_block_delta",
          index: 1,
          delta: { type: "input_json_delta", partial_json: "1}" },
        }) +
        line("content_block_stop", { type: "content_block_stop", index: 1 }) +
        line("message_delta", {
          type: "message_delta",
          delta: { stop_reason: "tool_use", stop_sequence: null },
          usage: {
            input_tokens: 10,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 100,
            output_tokens: 7,
          },
        }) +
        line("message_stop", { type: "message_stop" }),
    );
  });

  it("writes thinking with a signature given at block end, and redacted thinking", () => {
    const frames = parseSse(
      encode([
        { type: "start", id: "m", model: "x", created: 1 },
        { type: "block_start", index: 0, block: { type: "reasoning" } },
        { type: "block_delta", index: 0, delta: { type: "reasoning", text: "think" } },
        { type: "block_end", index: 0, signature: "sig==" },
        { type: "block_start", index: 1, block: { type: "redacted_reasoning", data: "opaque" } },
        { type: "block_end", index: 1 },
        { type: "finish", reason: "stop" },
        { type: "end" },
      ]),
    );
    expect(frames.slice(2, 8).map((f) => JSON.parse(f.data))).toEqual([
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "thinking", thinking: "", signature: "" },
      },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "think" } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig==" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: "opaque" } },
      { type: "content_block_stop", index: 1 },
    ]);
  });

  it("after an error writes event: error and never message_stop", () => {
    const text = encode([
      { type: "start", id: "m", model: "x", created: 1 },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Once" } },
      { type: "error", code: "upstream_overloaded", message: "Overloaded" },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
    expect(
      text.endsWith(
        line("error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
      ),
    ).toBe(true);
    expect(text).not.toContain("message_stop");
    expect(text).not.toContain("message_delta");
  });

  it("closes an open block when the next one starts and drops deltas for closed blocks", () => {
    const frames = parseSse(
      encode([
        { type: "start", id: "m", model: "x", created: 1 },
        { type: "block_start", index: 0, block: { type: "text" } },
        { type: "block_start", index: 1, block: { type: "tool_call", id: "c", name: "f" } },
        { type: "block_delta", index: 0, delta: { type: "text", text: "late" } },
        { type: "block_end", index: 0 },
        { type: "block_end", index: 1 },
        { type: "end" },
      ]),
    );
    expect(frames.map((f) => f.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_stop",
      "content_block_start",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("re-encodes the documented streams so they decode to the same IR events", () => {
    for (const name of [
      "stream-text.chunks.txt",
      "stream-tool-use.chunks.txt",
      "stream-thinking.chunks.txt",
    ]) {
      const upstream = createAnthropicStreamDecoder({ now: () => 0 });
      const frames = fixtureFrames(name);
      const events = [...frames.flatMap((f) => upstream.push(f)), ...upstream.end()];
      const again = createAnthropicStreamDecoder({ now: () => 0 });
      const model = events[0]?.type === "start" ? events[0].model : "";
      const redecoded = parseSse(encode(events, model)).flatMap((f) => again.push(f));
      // Only the last usage matters (counts are cumulative); the re-encoded start carries zero usage.
      const strip = (list: IrStreamEvent[]) => list.filter((e) => e.type !== "usage");
      expect(strip([...redecoded, ...again.end()])).toEqual(strip(events));
      expect(redecoded.filter((e) => e.type === "usage").at(-1)).toEqual(
        events.filter((e) => e.type === "usage").at(-1),
      );
    }
  });

  it("keeps text and tool-call arguments through encode → SSE → decode", () => {
    const block = fc.oneof(
      fc
        .array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 })
        .map((chunks) => ({ kind: "text" as const, chunks })),
      fc.record({
        kind: fc.constant("tool" as const),
        id: fc.string({ minLength: 1 }),
        name: fc.string({ minLength: 1 }),
        chunks: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
        const events: IrStreamEvent[] = [{ type: "start", id: "msg_x", model: "m", created: 0 }];
        blocks.forEach((b, index) => {
          events.push({
            type: "block_start",
            index,
            block: b.kind === "text" ? { type: "text" } : { type: "tool_call", id: b.id, name: b.name },
          });
          for (const c of b.chunks) {
            events.push({
              type: "block_delta",
              index,
              delta: b.kind === "text" ? { type: "text", text: c } : { type: "tool_arguments", json: c },
            });
          }
          events.push({ type: "block_end", index });
        });
        events.push({ type: "finish", reason: "stop" }, { type: "end" });
        const decoder = createAnthropicStreamDecoder({ now: () => 0 });
        const back = parseSse(encode(events, "m")).flatMap((f) => decoder.push(f));
        expect(back.filter((e) => e.type !== "usage")).toEqual(events);
      }),
    );
  });
});
