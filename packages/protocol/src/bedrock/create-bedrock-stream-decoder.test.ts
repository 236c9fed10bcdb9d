import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { createBedrockStreamDecoder } from "./create-bedrock-stream-decoder.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { EventStreamParser } from "./event-stream-parser.js";

const utf8 = new TextEncoder();
const events = JSON.parse(
  readFileSync(new URL("./__fixtures__/converse-stream-events.json", import.meta.url), "utf8"),
) as Array<[string, unknown]>;

const event = (type: string, payload: unknown) =>
  encodeEventStreamMessage(
    { ":event-type": type, ":content-type": "application/json", ":message-type": "event" },
    utf8.encode(JSON.stringify(payload)),
  );
const exception = (type: string, message: string) =>
  encodeEventStreamMessage(
    { ":exception-type": type, ":content-type": "application/json", ":message-type": "exception" },
    utf8.encode(JSON.stringify({ message })),
  );
const join = (frames: Uint8Array[]) => Uint8Array.from(frames.flatMap((f) => [...f]));

function decode(chunks: Uint8Array[]): IrStreamEvent[] {
  const parser = new EventStreamParser();
  const decoder = createBedrockStreamDecoder({
    requestId: "req-9",
    model: "claude",
    now: () => 1_700_000_000_000,
  });
  const out = chunks.flatMap((c) => parser.push(c).flatMap((m) => decoder.push(m)));
  return [...out, ...decoder.end()];
}

const EXPECTED: IrStreamEvent[] = [
  { type: "start", id: "req-9", model: "claude", created: 1_700_000_000 },
  { type: "block_start", index: 0, block: { type: "reasoning" } },
  { type: "block_delta", index: 0, delta: { type: "reasoning", text: "Weather lookup " } },
  { type: "block_delta", index: 0, delta: { type: "reasoning", text: "needed." } },
  { type: "block_delta", index: 0, delta: { type: "signature", signature: "EqQBCkYIBxgCKkBsig==" } },
  { type: "block_end", index: 0 },
  { type: "block_start", index: 1, block: { type: "text" } },
  { type: "block_delta", index: 1, delta: { type: "text", text: "Let me " } },
  { type: "block_delta", index: 1, delta: { type: "text", text: "check." } },
  { type: "block_end", index: 1 },
  {
    type: "block_start",
    index: 2,
    block: { type: "tool_call", id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather" },
  },
  { type: "block_delta", index: 2, delta: { type: "tool_arguments", json: '{"city":' } },
  { type: "block_delta", index: 2, delta: { type: "tool_arguments", json: '"Seattle"}' } },
  { type: "block_end", index: 2 },
  { type: "usage", usage: { inputTokens: 12, outputTokens: 40 } },
  { type: "finish", reason: "tool_calls" },
  { type: "end" },
];

describe("createBedrockStreamDecoder", () => {
  it("decodes a ConverseStream with reasoning, text and a streamed tool call", () => {
    expect(decode([join(events.map(([t, p]) => event(t, p)))])).toEqual(EXPECTED);
  });

  it("gives the same events for any split of the bytes", () => {
    const bytes = join(events.map(([t, p]) => event(t, p)));
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 10 }), (cuts) => {
        const points = [0, ...new Set(cuts)].sort((a, b) => a - b);
        expect(decode(points.map((p, i) => bytes.slice(p, points[i + 1] ?? bytes.length)))).toEqual(EXPECTED);
      }),
    );
  });

  it("reports a stream without messageStop and metadata as interrupted, never finished", () => {
    const cut = decode([join(events.slice(0, -1).map(([t, p]) => event(t, p)))]);
    expect(cut.at(-1)).toEqual({
      type: "error",
      code: "stream_interrupted",
      message: "The Bedrock stream ended before messageStop and metadata",
    });
    expect(cut.some((e) => e.type === "finish" || e.type === "end")).toBe(false);
  });

  it.each([
    ["throttlingException", "upstream_rate_limited"],
    ["modelStreamErrorException", "upstream_error"],
    ["validationException", "invalid_request"],
    ["serviceUnavailableException", "upstream_overloaded"],
    ["internalServerException", "upstream_error"],
  ])("turns a %s into an IR %s error and ignores what follows", (type, code) => {
    const out = decode([
      join([
        event("messageStart", { role: "assistant" }),
        exception(type, "boom"),
        ...events.slice(1).map(([t, p]) => event(t, p)),
      ]),
    ]);
    expect(out).toEqual([EXPECTED[0], { type: "error", code, message: "boom" }]);
  });

  it("opens a redacted reasoning block with its data, and keeps a matched stop sequence", () => {
    const out = decode([
      join([
        event("messageStart", { role: "assistant" }),
        event("contentBlockDelta", {
          contentBlockIndex: 0,
          delta: { reasoningContent: { redactedContent: "b3BhcXVl" } },
        }),
        event("contentBlockStop", { contentBlockIndex: 0 }),
        event("messageStop", {
          stopReason: "stop_sequence",
          additionalModelResponseFields: { stop_sequence: "END" },
        }),
        event("metadata", { usage: { inputTokens: 3, outputTokens: 4, cacheReadInputTokens: 10 } }),
      ]),
    ]);
    expect(out.slice(1)).toEqual([
      { type: "block_start", index: 0, block: { type: "redacted_reasoning", data: "b3BhcXVl" } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 13, outputTokens: 4, cacheReadTokens: 10 } },
      { type: "finish", reason: "stop_sequence", stopSequence: "END" },
      { type: "end" },
    ]);
  });

  it("reports a payload that is not JSON as upstream_error", () => {
    const bad = encodeEventStreamMessage(
      { ":event-type": "contentBlockDelta", ":message-type": "event" },
      utf8.encode("{oops"),
    );
    expect(decode([bad])).toEqual([
      { type: "error", code: "upstream_error", message: "Bedrock sent a malformed stream event" },
    ]);
  });

  it("starts with the caller's request id (x-amzn-requestid), and makes one up only without it", () => {
    const start = event("messageStart", { role: "assistant" });
    const parse = (bytes: Uint8Array) => new EventStreamParser().push(bytes);
    const withId = createBedrockStreamDecoder({ requestId: "9f4e0c1a-1b2c-4d5e-8f90-123456789abc" });
    expect(parse(start).flatMap((m) => withId.push(m))[0]).toMatchObject({
      type: "start",
      id: "9f4e0c1a-1b2c-4d5e-8f90-123456789abc",
    });
    const [a, b] = [createBedrockStreamDecoder(), createBedrockStreamDecoder()].map(
      (d) => parse(start).flatMap((m) => d.push(m))[0] as { id: string },
    );
    expect(a!.id).toMatch(/^bedrock-[0-9a-f-]{36}$/);
    expect(a!.id).not.toBe(b!.id);
  });
});
