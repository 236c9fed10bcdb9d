import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFloat32Base64, encodeFloat32Base64 } from "./float32-base64.js";

describe("float32 base64", () => {
  it("writes little-endian float32 bytes", () => {
    // 1.0 = 0x3F800000 and 0.5 = 0x3F000000, low byte first.
    expect(encodeFloat32Base64([1, 0.5])).toBe(
      Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0x3f]).toString("base64"),
    );
    expect(decodeFloat32Base64("AACAPwAAAD8=")).toEqual([1, 0.5]);
  });

  it("round-trips any float32 vector", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true })), (v) => {
        expect(decodeFloat32Base64(encodeFloat32Base64(v))).toEqual(v.map((x) => Math.fround(x)));
      }),
    );
  });

  it("refuses text that is not base64 of whole float32s", () => {
    expect(decodeFloat32Base64("AAA=")).toBeUndefined();
    expect(decodeFloat32Base64("not base64!")).toBeUndefined();
  });
});
