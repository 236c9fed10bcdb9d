import { createOpenAIStreamEncoder, writeSse } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adapterFor } from "../../providers/adapter-for.js";
import { anthropicSurface } from "../anthropic/anthropic-surface.js";
import { DecodingStreamPipe } from "./decoding-stream-pipe.js";
import { anthropicStreamEvents, splitAt } from "./testing/stream-fixtures.js";

const anthropic = adapterFor("anthropic");

/** A pipe from an Anthropic upstream: passthrough to an Anthropic client, or converted to OpenAI's stream. */
function pipeOf(convert: boolean): DecodingStreamPipe {
  const encoder = convert ? createOpenAIStreamEncoder({ model: "m", includeUsage: true }) : undefined;
  return new DecodingStreamPipe(anthropic, {}, "claude-up", anthropicSurface.errors, encoder);
}

/** Feeds the chunks through, then ends: everything the client is sent, as text. */
function run(pipe: DecodingStreamPipe, chunks: Buffer[]): string {
  let out = "";
  for (const c of chunks) out += pipe.push(c).toString();
  return out + pipe.end().toString();
}

/** The text of an OpenAI stream's content deltas, and its last data line. */
function readOpenAI(sse: string): { text: string; last: string } {
  const data = sse
    .split("\n")
    .filter((l) => l.startsWith("data: "))
    .map((l) => l.slice(6));
  let text = "";
  for (const d of data) {
    if (d === "[DONE]") continue;
    const content = (JSON.parse(d) as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]
      ?.delta?.content;
    if (typeof content === "string") text += content;
  }
  return { text, last: data.at(-1)! };
}

describe("DecodingStreamPipe, passthrough", () => {
  it("sends the upstream's own bytes and meters them: final usage, characters, completion", () => {
    const { events, text } = anthropicStreamEvents(6);
    const pipe = pipeOf(false);
    for (const e of events) {
      const chunk = Buffer.from(e);
      expect(pipe.push(chunk)).toBe(chunk); // the very buffer: not re-encoded
    }
    expect(pipe.end()).toBe("");
    expect(pipe.completed).toBe(true);
    expect(pipe.error).toBeUndefined();
    expect(pipe.deliveredChars).toBe(text.length);
    expect(pipe.usage).toMatchObject({ inputTokens: 1, outputTokens: 6 });
  });

  it("ends a stream cut before its end with the client's error event, marked interrupted", () => {
    const { events } = anthropicStreamEvents(6);
    const pipe = pipeOf(false);
    for (const e of events.slice(0, 4)) pipe.push(Buffer.from(e));
    const tail = pipe.end();
    expect(pipe.completed).toBe(false);
    expect(pipe.error?.code).toBe("stream_interrupted");
    expect(tail).toMatch(/^event: error\n/);
    expect(tail).not.toContain("event: message_stop");
  });

  it("turns a frame its decoder cannot read into an error, never an exception", () => {
    const pipe = pipeOf(false);
    const bad = Buffer.from(writeSse({ event: "content_block_delta", data: "{not json" }));
    expect(() => pipe.push(bad)).not.toThrow();
    expect(pipe.error?.code).toBe("upstream_error");
    expect(pipe.error?.message).not.toBe("");
  });
});

describe("DecodingStreamPipe, conversion", () => {
  it("sends the events in the client's protocol: the same text, its usage chunk and [DONE]", () => {
    const { events, text } = anthropicStreamEvents(5);
    const out = run(
      pipeOf(true),
      events.map((e) => Buffer.from(e)),
    );
    const read = readOpenAI(out);
    expect(read.text).toBe(text);
    expect(read.last).toBe("[DONE]");
    expect(out).toContain('"usage":{');
  });

  it("answers a frame its decoder cannot read with the client's error event, and nothing after", () => {
    const { events } = anthropicStreamEvents(5);
    const pipe = pipeOf(true);
    let out = "";
    for (const e of events.slice(0, 3)) out += pipe.push(Buffer.from(e)).toString();
    out += pipe.push(Buffer.from(writeSse({ event: "content_block_delta", data: "{not json" }))).toString();
    expect(pipe.error?.code).toBe("upstream_error");
    expect(JSON.parse(readOpenAI(out).last)).toMatchObject({ error: { code: "upstream_error" } });
    expect(out).not.toContain("[DONE]");
  });

  it("never sends [DONE] for a cut stream: its tail is OpenAI's error event", () => {
    const { events } = anthropicStreamEvents(5);
    const pipe = pipeOf(true);
    const out = run(
      pipe,
      events.slice(0, 5).map((e) => Buffer.from(e)),
    );
    expect(out).not.toContain("[DONE]");
    expect(JSON.parse(readOpenAI(out).last)).toMatchObject({ error: { code: "stream_interrupted" } });
  });
});

describe("DecodingStreamPipe, properties", () => {
  it("any split of the upstream's bytes sends and meters the same", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        fc.nat(),
        (words, cuts, convert, keep) => {
          const { events } = anthropicStreamEvents(words);
          const bytes = Buffer.from(events.slice(0, 1 + (keep % events.length)).join(""));
          const whole = pipeOf(convert);
          const split = pipeOf(convert);
          const expected = run(whole, [bytes]);
          expect(run(split, splitAt(bytes, cuts))).toBe(expected);
          expect([split.usage, split.deliveredChars, split.completed, split.error]).toEqual([
            whole.usage,
            whole.deliveredChars,
            whole.completed,
            whole.error,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
