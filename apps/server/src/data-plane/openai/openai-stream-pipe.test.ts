import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openAIStreamEvents, splitAt } from "../pipeline/testing/stream-fixtures.js";
import { OpenAIStreamPipe } from "./openai-stream-pipe.js";
import { openAISurface } from "./openai-surface.js";

function run(pipe: OpenAIStreamPipe, chunks: Buffer[]): string {
  let out = "";
  for (const c of chunks) out += pipe.push(c).toString();
  return out + pipe.end();
}

const pipeOf = (stripUsage: boolean) => new OpenAIStreamPipe(stripUsage, openAISurface.errors, "up");

describe("OpenAIStreamPipe", () => {
  it("passes a complete stream through unchanged, metered", () => {
    const { events, text } = openAIStreamEvents(4, true);
    const pipe = pipeOf(false);
    const out = run(
      pipe,
      events.map((e) => Buffer.from(e)),
    );
    expect(out).toBe(events.join(""));
    expect(pipe.completed).toBe(true);
    expect(pipe.error).toBeUndefined();
    expect(pipe.usage).toMatchObject({ inputTokens: 1, outputTokens: 4 });
    expect(pipe.deliveredChars).toBe(text.length);
  });

  it("takes out the usage chunk the client did not ask for, still metering it", () => {
    const { events } = openAIStreamEvents(4, true);
    const pipe = pipeOf(true);
    const out = run(
      pipe,
      events.map((e) => Buffer.from(e)),
    );
    expect(out).not.toContain('"usage":{');
    expect(out).toContain("data: [DONE]");
    expect(pipe.usage?.outputTokens).toBe(4);
  });

  it("stops at the upstream's error event, naming the provider, adding nothing", () => {
    const { events } = openAIStreamEvents(4, true);
    const errorEvent = 'data: {"error":{"message":"boom","type":"server_error"}}\n\n';
    const pipe = pipeOf(false);
    const out = run(pipe, [Buffer.from(events.slice(0, 2).join("") + errorEvent)]);
    expect(pipe.error).toEqual({
      code: "upstream_error",
      message: "Upstream provider 'up' sent an error event.",
    });
    expect(out.endsWith(errorEvent)).toBe(true);
    expect(pipe.completed).toBe(false);
  });

  it("ends a stream without [DONE] with OpenAI's in-stream error event", () => {
    const { events } = openAIStreamEvents(4, true);
    const pipe = pipeOf(false);
    const out = run(
      pipe,
      events.slice(0, 3).map((e) => Buffer.from(e)),
    );
    expect(pipe.error?.code).toBe("stream_interrupted");
    expect(pipe.error?.message).toContain("'up'");
    const last = out.trimEnd().split("\n").at(-1)!;
    expect(JSON.parse(last.slice("data: ".length))).toMatchObject({ error: { code: "stream_interrupted" } });
    expect(out).not.toContain("[DONE]");
  });

  it("any split of the upstream's bytes sends and meters the same", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.nat(),
        (words, includeUsage, strip, cuts, keep) => {
          const { events } = openAIStreamEvents(words, includeUsage);
          const bytes = Buffer.from(events.slice(0, 1 + (keep % events.length)).join(""));
          const whole = pipeOf(strip);
          const split = pipeOf(strip);
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
