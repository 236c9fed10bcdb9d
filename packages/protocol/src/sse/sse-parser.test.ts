import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SseEvent, SseParser } from "./sse-parser.js";
import { writeSse } from "./write-sse.js";

function parseAll(chunks: Array<Uint8Array | string>): SseEvent[] {
  const p = new SseParser();
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...p.push(c));
  out.push(...p.end());
  return out;
}

describe("SseParser", () => {
  it("parses events, names, comments, multi-line data and CRLF", () => {
    const text =
      ': keep-alive\r\nevent: a\r\ndata: one\r\ndata: two\r\n\r\ndata:x\n\nid: 7\ndata: {"k":1}\n\n';
    expect(parseAll([text])).toEqual([
      { event: "a", data: "one\ntwo" },
      { data: "x" },
      { data: '{"k":1}', id: "7" },
    ]);
  });

  it("dispatches a last event that lacks its blank line at end of stream", () => {
    expect(parseAll(["data: [DONE]"])).toEqual([{ data: "[DONE]" }]);
  });

  it("gives the same events for any split of the byte stream", () => {
    const eventArb = fc.record({
      event: fc.option(fc.stringMatching(/^[a-z_]{1,12}$/), { nil: undefined }),
      data: fc.string({ unit: "grapheme", maxLength: 40 }),
    });
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (events, cuts) => {
          const bytes = new TextEncoder().encode(events.map((e) => writeSse(e)).join(""));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(bytes.slice(last, p));
            last = p;
          }
          chunks.push(bytes.slice(last));
          const expected = parseAll([bytes]);
          expect(parseAll(chunks)).toEqual(expected);
          const wanted = events.map((e) => ({
            ...(e.event === undefined ? {} : { event: e.event }),
            data: e.data.replace(/\r\n|\r/g, "\n"),
          }));
          expect(expected).toEqual(wanted);
        },
      ),
    );
  });
});

describe("SseParser.idle", () => {
  it("tells whether the bytes so far ended on an event boundary", () => {
    const p = new SseParser();
    expect(p.idle).toBe(true);
    p.push("data: a\n\nda");
    expect(p.idle).toBe(false);
    p.push("ta: b\n");
    expect(p.idle).toBe(false);
    p.push("\n");
    expect(p.idle).toBe(true);
    p.push("event: x\n");
    expect(p.idle).toBe(false);
  });
});
