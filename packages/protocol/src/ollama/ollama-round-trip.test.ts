import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { jsonValueArbOf } from "../testing/json-value-arb.js";
import { createOllamaStreamDecoder } from "./create-ollama-stream-decoder.js";
import { decodeOllamaResponse } from "./decode-ollama-response.js";
import { encodeOllamaRequest } from "./encode-ollama-request.js";
import { NdjsonParser } from "./ndjson-parser.js";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 });
const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/);
const args = fc.dictionary(fc.string({ maxLength: 8 }), jsonValueArbOf({ maxDepth: 2 }), { maxKeys: 4 });
const call = fc.record({ function: fc.record({ name, arguments: args }) });

describe("Ollama round trips", () => {
  it("an answer's text, thinking and tool calls survive decode → encode as history", () => {
    const answer = fc.record({ content: text, thinking: text, tool_calls: fc.array(call, { maxLength: 3 }) });
    fc.assert(
      fc.property(answer, (message) => {
        const ir = decodeOllamaResponse({
          model: "m",
          created_at: "2025-07-07T20:22:19.184789Z",
          message: { role: "assistant", ...message },
          done: true,
        });
        const { body } = encodeOllamaRequest(
          { model: "m", messages: [{ role: "assistant", content: ir.content }], stream: false },
          "m",
        );
        const sent = body.messages[0]!;
        expect(sent.content).toBe(message.content);
        expect(sent.thinking).toBe(message.thinking);
        expect((sent.tool_calls ?? []).map((c) => ({ function: c.function }))).toEqual(message.tool_calls);
      }),
    );
  });

  it("a stream gives the same events for any split of its bytes", () => {
    const frame = fc.record({
      content: fc.string({ maxLength: 10 }),
      thinking: fc.string({ maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (frames, cuts) => {
        const lines = [
          ...frames.map((m, i) => ({
            model: "m",
            created_at: `2025-01-01T00:00:0${i % 10}Z`,
            message: { role: "assistant", ...m },
            done: false,
          })),
          {
            model: "m",
            created_at: "2025-01-01T00:01:00Z",
            message: { role: "assistant", content: "" },
            done: true,
            eval_count: 3,
          },
        ];
        const bytes = new TextEncoder().encode(lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
        const run = (chunks: Uint8Array[]): IrStreamEvent[] => {
          const parser = new NdjsonParser();
          const decoder = createOllamaStreamDecoder();
          const frames = [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
          return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
        };
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(bytes.slice(last, p));
          last = p;
        }
        chunks.push(bytes.slice(last));
        const whole = run([bytes]);
        expect(run(chunks)).toEqual(whole);
        const streamed = whole.flatMap((e) =>
          e.type === "block_delta" && e.delta.type === "text" ? [e.delta.text] : [],
        );
        expect(streamed.join("")).toBe(frames.map((f) => f.content).join(""));
        expect(whole.at(-1)).toEqual({ type: "end" });
      }),
    );
  });
});
