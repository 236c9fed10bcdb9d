import { describe, expect, it } from "vitest";
import { decodeEventStreamMessages } from "./decode-event-stream-messages.js";
import { encodeEventStreamMessage } from "./encode-event-stream-message.js";

describe("encodeEventStreamMessage", () => {
  it("matches AWS's empty-message test vector (prelude and message CRC32)", () => {
    expect(encodeEventStreamMessage({}, Buffer.alloc(0)).toString("hex")).toBe(
      "000000100000000005c248eb7d98c8ff",
    );
  });

  it("lays out prelude, string headers and payload, and decodes back", () => {
    const frame = encodeEventStreamMessage({ ":event-type": "messageStop" }, Buffer.from('{"a":1}'));
    const headerLength = 1 + 11 + 1 + 2 + 11;
    expect(frame.readUInt32BE(0)).toBe(12 + headerLength + 7 + 4);
    expect(frame.readUInt32BE(4)).toBe(headerLength);
    expect(frame.readUInt8(12)).toBe(11);
    expect(frame.subarray(13, 24).toString()).toBe(":event-type");
    expect(frame.readUInt8(24)).toBe(7);
    const [decoded] = decodeEventStreamMessages(Buffer.concat([frame]));
    expect(decoded).toEqual({ headers: { ":event-type": "messageStop" }, payload: Buffer.from('{"a":1}') });
  });

  it("decodes several frames and rejects a corrupt or truncated one", () => {
    const a = encodeEventStreamMessage({ x: "1" }, Buffer.from("a"));
    const b = encodeEventStreamMessage({ y: "2" }, Buffer.from("bb"));
    expect(decodeEventStreamMessages(Buffer.concat([a, b])).map((m) => m.headers)).toEqual([
      { x: "1" },
      { y: "2" },
    ]);
    const corrupt = Buffer.from(a);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 5) ^ 1, corrupt.length - 5);
    expect(() => decodeEventStreamMessages(corrupt)).toThrow(/message CRC/);
    expect(() => decodeEventStreamMessages(a.subarray(0, a.length - 1))).toThrow(/truncated/);
  });
});
