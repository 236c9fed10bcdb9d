import { SseParser } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OpenAIStreamTap } from "./openai-stream-tap.js";

const chunk = (content: string) =>
  `data: {"choices":[{"index":0,"delta":{"content":"${content}"}}],"usage":null}\n\n`;
const USAGE = 'data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}\n\n';
const STREAM = chunk("Hel") + chunk("lo") + USAGE + "data: [DONE]\n\n";

function run(tap: OpenAIStreamTap, parts: string[]): string {
  let out = "";
  for (const p of parts) out += tap.push(Buffer.from(p)).toString();
  return out + tap.end();
}

describe("OpenAIStreamTap", () => {
  it("passes whole-event chunks through as the same bytes", () => {
    const tap = new OpenAIStreamTap(true);
    const first = Buffer.from(chunk("Hel"));
    expect(tap.push(first)).toBe(first);
  });

  it("reads usage and the end marker, and keeps the usage chunk when the client asked for it", () => {
    const tap = new OpenAIStreamTap(false);
    expect(run(tap, [STREAM])).toBe(STREAM);
    expect(tap.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(tap.done).toBe(true);
    expect(tap.deliveredChars).toBe(5);
  });

  it("removes the usage chunk the client did not ask for, however the bytes are split", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parts: string[] = [];
        let last = 0;
        for (const p of points) {
          parts.push(STREAM.slice(last, p));
          last = p;
        }
        parts.push(STREAM.slice(last));
        const tap = new OpenAIStreamTap(true);
        const events = new SseParser().push(run(tap, parts)).map((e) => e.data);
        expect(events).toEqual(
          [...new SseParser().push(chunk("Hel") + chunk("lo"))].map((e) => e.data).concat("[DONE]"),
        );
        expect(tap.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
      }),
    );
  });
});
