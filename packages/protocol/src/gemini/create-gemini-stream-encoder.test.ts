import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { SseParser } from "../sse/sse-parser.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { createGeminiStreamDecoder } from "./create-gemini-stream-decoder.js";
import { createGeminiStreamEncoder } from "./create-gemini-stream-encoder.js";

const encodeAll = (events: IrStreamEvent[], model = "gemini-2.5-flash") => {
  const encoder = createGeminiStreamEncoder({ model });
  return events.map((e) => encoder.push(e)).join("");
};

describe("createGeminiStreamEncoder", () => {
  it("writes text chunks and a final chunk with finishReason and usage, framed as Google does", () => {
    const text = encodeAll([
      { type: "start", id: "r1", model: "upstream", created: 1 },
      { type: "block_start", index: 0, block: { type: "text" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: "Hello" } },
      { type: "block_delta", index: 0, delta: { type: "text", text: " world" } },
      { type: "block_end", index: 0 },
      { type: "usage", usage: { inputTokens: 4, outputTokens: 9, reasoningTokens: 5 } },
      { type: "finish", reason: "length" },
      { type: "end" },
    ]);
    expect(text).toBe(
      'data: {"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n' +
        'data: {"candidates":[{"content":{"parts":[{"text":" world"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n' +
        'data: {"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":4,"totalTokenCount":13,"thoughtsTokenCount":5},"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n',
    );
  });

  it("sends a function call whole when its block ends, with its signature", () => {
    const encoder = createGeminiStreamEncoder({ model: "m" });
    encoder.push({ type: "start", id: "r", model: "x", created: 0 });
    encoder.push({ type: "block_start", index: 0, block: { type: "tool_call", id: "call_1", name: "f" } });
    expect(
      encoder.push({ type: "block_delta", index: 0, delta: { type: "tool_arguments", json: '{"a":' } }),
    ).toBe("");
    encoder.push({ type: "block_delta", index: 0, delta: { type: "tool_arguments", json: "[1,2]}" } });
    expect(encoder.push({ type: "block_end", index: 0, signature: "SIG" })).toBe(
      'data: {"candidates":[{"content":{"parts":[{"functionCall":{"id":"call_1","name":"f","args":{"a":[1,2]}},"thoughtSignature":"SIG"}],"role":"model"},"index":0}],"modelVersion":"m","responseId":"r"}\r\n\r\n',
    );
  });

  it("writes Google's error object after an IR error, and nothing after it", () => {
    const encoder = createGeminiStreamEncoder({ model: "m" });
    encoder.push({ type: "start", id: "r", model: "x", created: 0 });
    expect(encoder.push({ type: "error", code: "upstream_overloaded", message: "Try later" })).toBe(
      'data: {"error":{"code":503,"message":"Try later","status":"UNAVAILABLE"}}\r\n\r\n',
    );
    expect(encoder.push({ type: "finish", reason: "stop" })).toBe("");
    expect(encoder.push({ type: "end" })).toBe("");
  });

  it("drops redacted reasoning blocks", () => {
    const text = encodeAll([
      { type: "start", id: "r", model: "x", created: 0 },
      { type: "block_start", index: 0, block: { type: "redacted_reasoning", data: "opaque" } },
      { type: "block_end", index: 0 },
    ]);
    expect(text).toBe("");
  });

  it("survives encode → SSE parse → decode for any sequence of blocks", () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const parser = new SseParser();
        const decoder = createGeminiStreamDecoder({ now: () => 7000 });
        const back = parser.push(encodeAll(events, "m")).flatMap((f) => decoder.push(f));
        back.push(...parser.end().flatMap((f) => decoder.push(f)), ...decoder.end());
        expect(back).toEqual(events);
      }),
    );
  });
});

type Block =
  | { kind: "text"; deltas: string[] }
  | { kind: "reasoning"; deltas: string[]; signature?: string }
  | { kind: "tool"; id: string; name: string; args: Record<string, unknown>; signature?: string };

const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const blockArb: fc.Arbitrary<Block> = fc.oneof(
  fc.record({
    kind: fc.constant("text" as const),
    deltas: fc.array(nonEmpty, { minLength: 1, maxLength: 3 }),
  }),
  fc.record(
    {
      kind: fc.constant("reasoning" as const),
      deltas: fc.array(nonEmpty, { minLength: 1, maxLength: 3 }),
      signature: nonEmpty,
    },
    { requiredKeys: ["kind", "deltas"] },
  ),
  fc.record(
    {
      kind: fc.constant("tool" as const),
      id: fc.stringMatching(/^call_[a-z0-9]{4}$/),
      name: fc.stringMatching(/^[a-z_]{1,8}$/),
      args: fc.dictionary(fc.string(), jsonValueArb, { maxKeys: 3 }),
      signature: nonEmpty,
    },
    { requiredKeys: ["kind", "id", "name", "args"] },
  ),
);

/** Well-formed IR streams; adjacent text blocks (or reasoning after unsigned reasoning) would merge on the wire. */
const streamArb = fc
  .array(blockArb, { maxLength: 5 })
  .filter((blocks) =>
    blocks.every((b, i) => {
      const prev = blocks[i - 1];
      if (prev === undefined || b.kind === "tool") return true;
      return prev.kind !== b.kind || (prev.kind === "reasoning" && prev.signature !== undefined);
    }),
  )
  .chain((blocks) =>
    fc
      .tuple(
        fc.nat(500),
        fc.nat(500),
        fc.nat(500),
        fc.constantFrom("length", "content_filter", "natural" as const),
      )
      .map(([input, visible, thoughts, ending]): IrStreamEvent[] => {
        const events: IrStreamEvent[] = [{ type: "start", id: "resp-1", model: "m", created: 7 }];
        for (const [index, b] of blocks.entries()) events.push(...blockEvents(b, index));
        const usage = {
          inputTokens: input,
          outputTokens: visible + thoughts,
          ...(thoughts > 0 ? { reasoningTokens: thoughts } : {}),
        };
        const calls = blocks.some((b) => b.kind === "tool");
        const reason = ending === "natural" ? (calls ? "tool_calls" : "stop") : ending;
        events.push({ type: "usage", usage }, { type: "finish", reason }, { type: "end" });
        return events;
      }),
  );

function blockEvents(b: Block, index: number): IrStreamEvent[] {
  if (b.kind === "tool") {
    const end: IrStreamEvent =
      b.signature === undefined
        ? { type: "block_end", index }
        : { type: "block_end", index, signature: b.signature };
    return [
      { type: "block_start", index, block: { type: "tool_call", id: b.id, name: b.name } },
      { type: "block_delta", index, delta: { type: "tool_arguments", json: JSON.stringify(b.args) } },
      end,
    ];
  }
  const kind = b.kind;
  const deltas: IrStreamEvent[] = b.deltas.map((text) => ({
    type: "block_delta",
    index,
    delta: { type: kind, text },
  }));
  if (b.kind === "reasoning" && b.signature !== undefined) {
    deltas.push({ type: "block_delta", index, delta: { type: "signature", signature: b.signature } });
  }
  return [{ type: "block_start", index, block: { type: kind } }, ...deltas, { type: "block_end", index }];
}

describe("createGeminiStreamEncoder on deep tool arguments", () => {
  it("sends arguments nested too deeply to re-serialize as {} instead of overflowing the stack", () => {
    const text = encodeAll([
      { type: "start", id: "r1", model: "upstream", created: 1 },
      { type: "block_start", index: 0, block: { type: "tool_call", id: "c", name: "f" } },
      {
        type: "block_delta",
        index: 0,
        delta: { type: "tool_arguments", json: `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}` },
      },
      { type: "block_end", index: 0 },
      { type: "finish", reason: "tool_calls" },
      { type: "end" },
    ]);
    expect(text).toContain('"functionCall":{"id":"c","name":"f","args":{}}');
  });
});
