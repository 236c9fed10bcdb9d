import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSseEventParser, type ServerSentEvent } from "./sse-event-parser.js";

const bytes = (text: string) => new TextEncoder().encode(text);

function parseChunks(chunks: Array<Uint8Array | string>): ServerSentEvent[] {
  const parser = createSseEventParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

/** The stream cut at the given byte offsets. */
function split(all: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, all.length]) {
    out.push(all.slice(from, p));
    from = p;
  }
  return out;
}

describe("createSseEventParser", () => {
  it("parses data lines, event names, ids and multi-line data; skips comments", () => {
    const events = parseChunks([
      ': keep-alive\n\ndata: {"a":1}\n\nevent: error\ndata: one\ndata: two\nid: 7\n\ndata:no-space\n\n',
    ]);
    expect(events).toEqual([
      { event: "message", data: '{"a":1}' },
      { event: "error", data: "one\ntwo", id: "7" },
      { event: "message", data: "no-space", id: "7" },
    ]);
  });

  it("accepts CRLF, CR and LF line ends alike, and a leading byte-order mark", () => {
    const lf = parseChunks(["data: a\n\ndata: b\n\n"]);
    expect(parseChunks(["data: a\r\n\r\ndata: b\r\n\r\n"])).toEqual(lf);
    expect(parseChunks(["data: a\r\rdata: b\r\r"])).toEqual(lf);
    expect(parseChunks(["\uFEFFdata: a\n\ndata: b\n\n"])).toEqual(lf);
  });

  it("joins a CRLF split between two chunks into one line end (not a blank line)", () => {
    expect(parseChunks(["data: a\r", "\ndata: b\r\n\r\n"])).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("decodes a multi-byte character split across chunks", () => {
    const all = bytes("data: héllo 🙂\n\n");
    const events = parseChunks([all.slice(0, 8), all.slice(8, 15), all.slice(15)]);
    expect(events).toEqual([{ event: "message", data: "héllo 🙂" }]);
  });

  it("dispatches an event the stream ended inside, and ignores events without data", () => {
    expect(parseChunks(["event: ping\n\ndata: last"])).toEqual([{ event: "message", data: "last" }]);
  });

  it("yields the same events however the bytes are split (property)", () => {
    // Any characters but line ends, multi-byte ones included, so cuts fall inside UTF-8 sequences.
    const line = fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ""));
    const field = fc.oneof(
      line.map((v) => `data: ${v}`),
      line.map((v) => `data:${v}`),
      line.map((v) => `event: ${v}`),
      line.map((v) => `: ${v}`),
      line.map((v) => `id: ${v}`),
      fc.constant(""),
    );
    const eol = fc.constantFrom("\n", "\r\n", "\r");
    const stream = fc
      .array(fc.tuple(field, eol), { maxLength: 30 })
      .map((lines) => lines.map(([f, e]) => f + e).join(""));
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
        const all = bytes(text);
        expect(parseChunks(split(all, cuts))).toEqual(parseChunks([all]));
        // Byte by byte too: the most adversarial split.
        expect(parseChunks([...all].map((b) => Uint8Array.of(b)))).toEqual(parseChunks([all]));
      }),
      { numRuns: 300 },
    );
  });
});
