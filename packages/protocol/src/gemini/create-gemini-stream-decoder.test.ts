import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { SseParser } from "../sse/sse-parser.js";
import { createGeminiStreamDecoder } from "./create-gemini-stream-decoder.js";

const now = () => 1_700_000_000_000;
const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url));

/** Runs bytes (in the given pieces) through the SSE parser and the decoder; `close` says whether the body ended. */
function decode(chunks: Array<Uint8Array | string>, close = true): IrStreamEvent[] {
  const parser = new SseParser();
  const decoder = createGeminiStreamDecoder({ now });
  const events: IrStreamEvent[] = [];
  for (const c of chunks) for (const frame of parser.push(c)) events.push(...decoder.push(frame));
  for (const frame of parser.end()) events.push(...decoder.push(frame));
  if (close) events.push(...decoder.end());
  return events;
}

const sse = (...chunks: unknown[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join("");

describe("createGeminiStreamDecoder", () => {
  it("assembles calls Vertex streams in parts (partialArgs), closed by {} or by a last part", () => {
    const events = decode([fixture("stream-vertex-streamed-args.sse.txt")]);
    const starts = events.filter((e) => e.type === "block_start");
    expect(starts).toEqual([
      {
        type: "block_start",
        index: 0,
        block: { type: "tool_call", id: expect.stringMatching(/^call_/), name: "plan_trip" },
      },
      {
        type: "block_start",
        index: 1,
        block: { type: "tool_call", id: expect.stringMatching(/^call_/), name: "get_weather" },
      },
    ]);
    expect(events.slice(1)).toEqual([
      starts[0],
      {
        type: "block_delta",
        index: 0,
        delta: {
          type: "tool_arguments",
          json: '{"city":"San Francisco","stops":[{"name":"Pier 39","hours":1.5},{"name":"Alcatraz","booked":true}],"note":null}',
        },
      },
      { type: "block_end", index: 0, signature: "U0lHLVY=" },
      starts[1],
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"city":"Oakland"}' } },
      { type: "block_end", index: 1 },
      { type: "usage", usage: { inputTokens: 40, outputTokens: 25 } },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
  });

  it("completes a streamed call left open when the finishReason comes", () => {
    const events = decode([
      sse(
        {
          candidates: [
            { content: { parts: [{ functionCall: { name: "f", id: "c1", willContinue: true } }] } },
          ],
        },
        {
          candidates: [
            {
              content: {
                parts: [
                  {
                    functionCall: { partialArgs: [{ jsonPath: "$.a", numberValue: 1 }], willContinue: true },
                  },
                ],
              },
              finishReason: "STOP",
            },
          ],
        },
      ),
    ]);
    expect(events.filter((e) => e.type !== "start" && e.type !== "usage")).toEqual([
      { type: "block_start", index: 0, block: { type: "tool_call", id: "c1", name: "f" } },
      { type: "block_delta", index: 0, delta: { type: "tool_arguments", json: '{"a":1}' } },
      { type: "block_end", index: 0 },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
  });

  it.each([
    [
      { functionCall: { args: { a: 1 } } },
      "candidates[0].content.parts[0].functionCall.name must be a string (no streamed call is open to continue)",
    ],
    [
      { functionCall: { name: "f", args: [1] } },
      "candidates[0].content.parts[0].functionCall.args must be an object",
    ],
    [{ functionCall: "f" }, "candidates[0].content.parts[0].functionCall must be an object"],
    [{ text: 7 }, "candidates[0].content.parts[0].text must be a string"],
  ])("ends with an upstream_error event naming the field for part %j", (part, message) => {
    const events = decode([sse({ candidates: [{ content: { parts: [part] } }] })]);
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "upstream_error",
      message: `Unexpected Gemini response: ${message}`,
    });
  });

  it("decodes a recorded text stream, taking usage from the last chunk", () => {
    expect(decode([fixture("stream-text.sse.txt")])).toEqual([
      { type: "start", id: "AdVRaMmDCYekqtsPrb_-iAw", model: "gemini-2.5-flash", created: 1_700_000_000 },
      { type: "block_start", index: 0, block: { type: "text" } },
      {
        type: "block_delta",
        index: 0,
        delta: { type: "text", text: "Here you go!\n\n1.  **English:** Hi\n" },
      },
      { type: "block_delta", index: 0, delta: { type: "text", text: "2.  **Italian:** Ciao" } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 5, outputTokens: 230, reasoningTokens: 186 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
  });

  it("decodes thoughts and signed parallel function calls, finishing with tool_calls", () => {
    expect(decode([fixture("stream-tool-calls.sse.txt")])).toEqual([
      { type: "start", id: "r-2", model: "gemini-3-pro-preview", created: 1_700_000_000 },
      { type: "block_start", index: 0, block: { type: "reasoning" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: "**Planning** the lookups" } },
      { type: "block_delta", index: 0, delta: { type: "reasoning", text: " for two cities." } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "tool_call", id: "fc-1", name: "get_weather" } },
      { type: "block_delta", index: 1, delta: { type: "tool_arguments", json: '{"city":"Paris"}' } },
      { type: "block_end", index: 1, signature: "U0lHLTE=" },
      { type: "block_start", index: 2, block: { type: "tool_call", id: "fc-2", name: "get_weather" } },
      { type: "block_delta", index: 2, delta: { type: "tool_arguments", json: '{"city":"Rome"}' } },
      { type: "block_end", index: 2 },
      {
        type: "usage",
        usage: { inputTokens: 80, outputTokens: 42, cacheReadTokens: 64, reasoningTokens: 12 },
      },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
  });

  it("gives the same events for any split of the bytes", () => {
    const bytes = fixture("stream-tool-calls.sse.txt");
    const whole = decode([bytes]);
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 8 }), (cuts) => {
        const points = [0, ...new Set(cuts)].sort((a, b) => a - b);
        const pieces = points.map((p, i) => bytes.slice(p, points[i + 1] ?? bytes.length));
        expect(decode(pieces)).toEqual(whole);
      }),
    );
  });

  it("turns a signature on a trailing empty text part into a signed reasoning block", () => {
    const text = (t: string, extra: object = {}) => ({
      candidates: [{ content: { parts: [{ text: t, ...extra }], role: "model" } }],
    });
    const events = decode([
      sse(text("Hel"), text("lo"), {
        candidates: [
          {
            content: { parts: [{ text: "", thoughtSignature: "SIG" }], role: "model" },
            finishReason: "STOP",
          },
        ],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
      }),
    ]);
    expect(events.slice(1)).toEqual([
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hel" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "lo" } },
      { type: "block_end", index: 0 },
      { type: "block_start", index: 1, block: { type: "reasoning" } },
      { type: "block_delta", index: 1, delta: { type: "signature", signature: "SIG" } },
      { type: "block_end", index: 1 },
      { type: "usage", usage: { inputTokens: 3, outputTokens: 2 } },
      { type: "finish", reason: "stop" },
      { type: "end" },
    ]);
    expect(events[0]).toMatchObject({ type: "start", id: expect.stringMatching(/^gemini_/) });
  });

  it("reports a body that ends without a finishReason as stream_interrupted, never as finished", () => {
    const text = readFileSync(new URL("./__fixtures__/stream-tool-calls.sse.txt", import.meta.url), "utf8");
    const cut = text.slice(0, text.lastIndexOf("data:"));
    const events = decode([cut]);
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "stream_interrupted",
      message: "The Gemini stream ended before a finishReason",
    });
    expect(events.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
    expect(decode([""])).toEqual([
      { type: "error", code: "stream_interrupted", message: "The Gemini stream ended before a finishReason" },
    ]);
  });

  it("turns an in-stream error object into an IR error and ignores what follows", () => {
    const events = decode([
      sse(
        { candidates: [{ content: { parts: [{ text: "a" }] } }], responseId: "x" },
        { error: { code: 429, message: "Resource exhausted", status: "RESOURCE_EXHAUSTED" } },
        { candidates: [{ content: { parts: [{ text: "b" }] }, finishReason: "STOP" }] },
      ),
    ]);
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "upstream_rate_limited",
      message: "Resource exhausted",
    });
    expect(events.filter((e) => e.type === "error")).toHaveLength(1);
    expect(events.some((e) => e.type === "finish")).toBe(false);
  });

  it("reports malformed chunks as upstream_error", () => {
    expect(decode(["data: {not json\r\n\r\n"])).toEqual([
      { type: "error", code: "upstream_error", message: "Gemini sent a malformed stream chunk" },
    ]);
    const bad = decode([sse({ candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] })]);
    expect(bad.at(-1)).toMatchObject({ type: "error", code: "upstream_error" });
  });

  it("finishes a blocked prompt with content_filter", () => {
    const events = decode([sse({ promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, responseId: "b" })]);
    expect(events.map((e) => e.type)).toEqual(["start", "usage", "finish", "end"]);
    expect(events[2]).toEqual({ type: "finish", reason: "content_filter" });
  });
});
