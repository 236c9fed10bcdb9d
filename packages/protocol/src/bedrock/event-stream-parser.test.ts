import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { crc32 } from "./crc32.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { type EventStreamMessage, EventStreamParser } from "./event-stream-parser.js";

const utf8 = new TextEncoder();

/** Published example frames of the event-stream format (payload `{"foo": "bar"}`), checked byte for byte. */
const NO_HEADERS = [
  0, 0, 0, 30, 0, 0, 0, 0, 186, 242, 246, 138, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125,
  174, 114, 88, 228,
];
const CONTENT_TYPE = [
  0, 0, 0, 62, 0, 0, 0, 32, 64, 93, 249, 70, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7,
  0, 16, 97, 112, 112, 108, 105, 99, 97, 116, 105, 111, 110, 47, 106, 115, 111, 110, 123, 34, 102, 111, 111,
  34, 58, 32, 34, 98, 97, 114, 34, 125, 111, 162, 191, 59,
];

function parseAll(chunks: Uint8Array[]): EventStreamMessage[] {
  const parser = new EventStreamParser();
  return chunks.flatMap((c) => parser.push(c));
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [0, ...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return points.map((p, i) => bytes.slice(p, points[i + 1] ?? bytes.length));
}

/** A frame with hand-built headers of every value type, checksummed here. */
function frameWithRawHeaders(headers: number[], payload: Uint8Array): Uint8Array {
  const total = 12 + headers.length + payload.length + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headers.length);
  view.setUint32(8, crc32(out, 0, 8));
  out.set(headers, 12);
  out.set(payload, 12 + headers.length);
  view.setUint32(total - 4, crc32(out, 0, total - 4));
  return out;
}

describe("encodeEventStreamMessage / EventStreamParser", () => {
  it("encodes the published example frames byte for byte", () => {
    const payload = utf8.encode('{"foo": "bar"}');
    expect([...encodeEventStreamMessage({}, payload)]).toEqual(NO_HEADERS);
    expect([...encodeEventStreamMessage({ "content-type": "application/json" }, payload)]).toEqual(
      CONTENT_TYPE,
    );
  });

  it("parses the published example frames", () => {
    const messages = parseAll([Uint8Array.from([...NO_HEADERS, ...CONTENT_TYPE])]);
    expect(messages.map((m) => [m.headers, new TextDecoder().decode(m.payload)])).toEqual([
      [{}, '{"foo": "bar"}'],
      [{ "content-type": "application/json" }, '{"foo": "bar"}'],
    ]);
  });

  it("reads header values of every type as strings", () => {
    const name = (n: string) => [n.length, ...utf8.encode(n)];
    const headers = [
      ...name("t"),
      0,
      ...name("f"),
      1,
      ...name("b"),
      2,
      0xff,
      ...name("s"),
      3,
      0x01,
      0x00,
      ...name("i"),
      4,
      0,
      0,
      0x01,
      0x00,
      ...name("l"),
      5,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      42,
      ...name("bytes"),
      6,
      0,
      3,
      1,
      2,
      3,
      ...name("str"),
      7,
      0,
      2,
      0x68,
      0x69,
      ...name("ts"),
      8,
      0,
      0,
      1,
      0x8b,
      0xcf,
      0xe5,
      0x68,
      0x00,
      ...name("id"),
      9,
      ...Array.from({ length: 16 }, (_, i) => i),
    ];
    const [message] = parseAll([frameWithRawHeaders(headers, utf8.encode("{}"))]);
    expect(message?.headers).toEqual({
      t: "true",
      f: "false",
      b: "-1",
      s: "256",
      i: "256",
      l: "42",
      bytes: "AQID",
      str: "hi",
      ts: "1700000000000",
      id: "00010203-0405-0607-0809-0a0b0c0d0e0f",
    });
  });

  it("gives the same messages for any split of the bytes", () => {
    const messageArb = fc.record({
      headers: fc.dictionary(fc.stringMatching(/^:?[a-z-]{1,12}$/), fc.string({ maxLength: 30 }), {
        maxKeys: 4,
      }),
      payload: fc.uint8Array({ maxLength: 64 }),
    });
    fc.assert(
      fc.property(
        fc.array(messageArb, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (messages, cuts) => {
          const frames = messages.map((m) => encodeEventStreamMessage(m.headers, m.payload));
          const bytes = Uint8Array.from(frames.flatMap((f) => [...f]));
          const parsed = parseAll(split(bytes, cuts));
          expect(parsed.map((m) => ({ headers: { ...m.headers }, payload: m.payload }))).toEqual(messages);
        },
      ),
    );
  });

  it.each([
    ["prelude", 9],
    ["headers", 14],
    ["message checksum", 61],
  ])("throws upstream_error when a byte of the %s is corrupt", (_part, at) => {
    const bytes = Uint8Array.from(CONTENT_TYPE);
    bytes[at] = bytes[at]! ^ 0x01;
    const parser = new EventStreamParser();
    try {
      parser.push(bytes);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe("upstream_error");
    }
  });

  it("waits for the rest of a message and reports what is pending", () => {
    const parser = new EventStreamParser();
    expect(parser.push(Uint8Array.from(NO_HEADERS.slice(0, 20)))).toEqual([]);
    expect(parser.pendingBytes).toBe(20);
    expect(parser.push(Uint8Array.from(NO_HEADERS.slice(20)))).toHaveLength(1);
    expect(parser.pendingBytes).toBe(0);
  });
});
