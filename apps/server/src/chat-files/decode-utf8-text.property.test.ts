import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8Text } from "./decode-utf8-text.js";

describe("decodeUtf8Text", () => {
  it("gives back any string without NUL exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const text = s.replaceAll("\u0000", "");
        expect(decodeUtf8Text(Buffer.from(text, "utf8"))).toBe(text);
      }),
    );
  });

  it("refuses a NUL anywhere", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(decodeUtf8Text(Buffer.from(`${a}\u0000${b}`, "utf8"))).toBeUndefined();
      }),
    );
  });

  it("refuses invalid UTF-8 (Latin-1 text, a lone continuation byte, a truncated sequence)", () => {
    expect(decodeUtf8Text(Buffer.from("caf\u00e9", "latin1"))).toBeUndefined();
    expect(decodeUtf8Text(new Uint8Array([0x61, 0x80]))).toBeUndefined();
    expect(decodeUtf8Text(new Uint8Array([0xe2, 0x82]))).toBeUndefined();
    expect(decodeUtf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toBe("hi");
  });

  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = decodeUtf8Text(bytes);
        if (text !== undefined) expect(text.includes("\u0000")).toBe(false);
      }),
    );
  });
});
