import { encodeOpenAIResponsesFakeStream, planFakeReply } from "@gatehouse/test-support";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitAt } from "../pipeline/testing/stream-fixtures.js";
import { ResponsesStreamPipe } from "./responses-stream-pipe.js";

/** A Responses stream of `words` words from the fake's encoder. */
function events(words: number): string[] {
  const plan = planFakeReply({
    provider: "up",
    promptTexts: ["Hi"],
    lastUserText: "Hi",
    toolNames: [],
    chunks: words,
    maxTokens: undefined,
    thinking: false,
  });
  return encodeOpenAIResponsesFakeStream(plan, { id: "r1", callId: "c1", created: 1, model: "m" });
}

function run(pipe: ResponsesStreamPipe, chunks: Buffer[]): string {
  let out = "";
  for (const c of chunks) out += pipe.push(c).toString();
  return out + pipe.end();
}

describe("ResponsesStreamPipe", () => {
  it("passes a complete stream through unchanged, metered from response.completed", () => {
    const all = events(4);
    const pipe = new ResponsesStreamPipe("up");
    expect(
      run(
        pipe,
        all.map((e) => Buffer.from(e)),
      ),
    ).toBe(all.join(""));
    expect(pipe.completed).toBe(true);
    expect(pipe.error).toBeUndefined();
    expect(pipe.usage).toEqual({ inputTokens: 1, outputTokens: 4 });
    expect(pipe.deliveredChars).toBe("Hello from fake-up lorem".length);
  });

  it("notes the upstream's response.failed as its error, adding nothing", () => {
    const failed =
      'event: response.failed\ndata: {"type":"response.failed","sequence_number":2,"response":{"status":"failed"}}\n\n';
    const pipe = new ResponsesStreamPipe("up");
    const out = run(pipe, [Buffer.from(events(3).slice(0, 2).join("") + failed)]);
    expect(out.endsWith(failed)).toBe(true);
    expect(pipe.error).toMatchObject({ code: "upstream_error", message: expect.stringContaining("'up'") });
    expect(pipe.completed).toBe(false);
  });

  it("any split of the upstream's bytes sends and meters the same; a cut stream gets the next-numbered error event", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.nat(),
        (words, cuts, keep) => {
          const all = events(words);
          const kept = all.slice(0, 1 + (keep % all.length));
          const bytes = Buffer.from(kept.join(""));
          const whole = new ResponsesStreamPipe("up");
          const split = new ResponsesStreamPipe("up");
          const expected = run(whole, [bytes]);
          expect(run(split, splitAt(bytes, cuts))).toBe(expected);
          expect([split.usage, split.deliveredChars, split.completed, split.error]).toEqual([
            whole.usage,
            whole.deliveredChars,
            whole.completed,
            whole.error,
          ]);
          if (kept.length === all.length) {
            expect(expected).toBe(bytes.toString());
            return;
          }
          const tail = JSON.parse(expected.trimEnd().split("\n").at(-1)!.slice("data: ".length));
          expect(tail).toMatchObject({
            type: "error",
            code: "stream_interrupted",
            sequence_number: kept.length,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stored (a turn given): any split gives the same events, every response under the gateway's id, the final one stored once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 20 }), (words, cuts) => {
        const all = events(words);
        const bytes = Buffer.from(all.join(""));
        const finals: unknown[] = [];
        const turn = { id: "resp_gw", previousId: "resp_prev", onFinal: (r: unknown) => finals.push(r) };
        const out = run(new ResponsesStreamPipe("up", turn), splitAt(bytes, cuts));
        const parsed = out
          .split("\n\n")
          .filter((b) => b !== "")
          .map((b) => JSON.parse(b.split("\n")[1]!.slice("data: ".length)));
        const original = all.map((e) => JSON.parse(e.split("\n")[1]!.slice("data: ".length)));
        expect(parsed.map((e) => e.type)).toEqual(original.map((e) => e.type));
        for (const [i, e] of parsed.entries()) {
          if (original[i].response === undefined) expect(e).toEqual(original[i]);
          else
            expect(e.response).toEqual({
              ...original[i].response,
              id: "resp_gw",
              previous_response_id: "resp_prev",
            });
        }
        expect(finals).toEqual([parsed.at(-1).response]);
      }),
      { numRuns: 100 },
    );
  });
});
