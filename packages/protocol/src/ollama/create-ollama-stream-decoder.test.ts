import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { fixtureText } from "./__fixtures__/fixtures.js";
import { createOllamaStreamDecoder } from "./create-ollama-stream-decoder.js";
import { NdjsonParser } from "./ndjson-parser.js";

function decodeText(text: string): IrStreamEvent[] {
  const parser = new NdjsonParser();
  const decoder = createOllamaStreamDecoder();
  return [...[...parser.push(text), ...parser.end()].flatMap((f) => decoder.push(f)), ...decoder.end()];
}

describe("createOllamaStreamDecoder", () => {
  it("decodes thinking then content into two blocks, with usage and finish at done", () => {
    expect(decodeText(fixtureText("stream-thinking-text.ndjson"))).toEqual([
      { type: "start", id: "ollama-202505290935561", model: "qwen3", created: 1748511356 },
      { type: "block_start", index: 0, block: { type: "reasoning" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: "Let me" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: " think." } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "text" } },
      { type: "block_delta", index: 1, delta: { type: "text", text: "The sky" } },
      { type: "block_delta", index: 1, delta: { type: "text", text: " is blue." } },
      { type: "block_end", index: 1 },
      { type: "usage", usage: { inputTokens: 26, outputTokens: 282 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
  });

  it("decodes a whole tool call frame into one block, and finishes with tool_calls", () => {
    expect(decodeText(fixtureText("stream-tools.ndjson"))).toEqual([
      { type: "start", id: "ollama-20250707202219184789", model: "llama3.2", created: 1751919739 },
      {
        type: "block_start",
        index: 0,
        block: { type: "tool_call", id: "call_20250707202219184789_0", name: "get_weather" },
      },
      { type: "block_delta", index: 0, delta: { type: "tool_arguments", json: '{"city":"Tokyo"}' } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 169, outputTokens: 15 } },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
  });

  it("numbers made-up call ids across frames, so two calls never share one", () => {
    const frame = (name: string) => ({
      model: "m",
      created_at: "2025-01-01T00:00:00Z",
      message: { role: "assistant", content: "", tool_calls: [{ function: { name, arguments: {} } }] },
      done: false,
    });
    const decoder = createOllamaStreamDecoder();
    const events = [...decoder.push(frame("a")), ...decoder.push(frame("b"))];
    const ids = events.flatMap((e) =>
      e.type === "block_start" && e.block.type === "tool_call" ? [e.block.id] : [],
    );
    expect(ids).toEqual(["call_20250101000000_0", "call_20250101000000_1"]);
  });

  it("gives stream_interrupted, never finish, when the stream ends before done: true", () => {
    const text = fixtureText("stream-thinking-text.ndjson").split("\n").slice(0, 3).join("\n");
    const events = decodeText(text);
    expect(events.at(-1)).toMatchObject({ type: "error", code: "stream_interrupted" });
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it("turns an error frame into an IR error and stops", () => {
    const decoder = createOllamaStreamDecoder();
    const events = [
      ...decoder.push({
        model: "m",
        created_at: "2025-01-01T00:00:00Z",
        message: { role: "assistant", content: "Hi" },
        done: false,
      }),
      ...decoder.push({ error: "an error was encountered while running the model: unexpected EOF" }),
      ...decoder.push({
        model: "m",
        created_at: "2025-01-01T00:00:01Z",
        message: { role: "assistant", content: "!" },
        done: true,
      }),
      ...decoder.end(),
    ];
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "upstream_error",
      message: "an error was encountered while running the model: unexpected EOF",
    });
    expect(events.some((e) => e.type === "finish")).toBe(false);
  });

  it("never throws, whatever the frames", () => {
    fc.assert(
      fc.property(fc.array(jsonValueArb), (frames) => {
        const decoder = createOllamaStreamDecoder();
        const events = [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
        expect(["end", "error"]).toContain(events.at(-1)?.type);
      }),
    );
  });
});
