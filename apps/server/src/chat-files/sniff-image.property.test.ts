import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sniffImage } from "./sniff-image.js";
import { makePng } from "./testing/make-test-files.js";

const gif = (w: number, h: number) => {
  const b = Buffer.alloc(13);
  b.write("GIF89a", 0, "latin1");
  b.writeUInt16LE(w, 6);
  b.writeUInt16LE(h, 8);
  return b;
};
const jpeg = (w: number, h: number) =>
  Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from("JFIF\0"),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);
const webpLossless = (w: number, h: number) => {
  const b = Buffer.alloc(30);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(22, 4);
  b.write("WEBPVP8L", 8, "latin1");
  b.writeUInt32LE(10, 16);
  b[20] = 0x2f;
  b.writeUInt32LE(((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14), 21);
  return b;
};

describe("sniffImage", () => {
  it("reads the size of PNG, JPEG, GIF and WebP headers", () => {
    expect(sniffImage(makePng(3, 5))).toEqual({ mediaType: "image/png", width: 3, height: 5 });
    expect(sniffImage(jpeg(640, 480))).toEqual({ mediaType: "image/jpeg", width: 640, height: 480 });
    expect(sniffImage(gif(10, 7))).toEqual({ mediaType: "image/gif", width: 10, height: 7 });
    expect(sniffImage(webpLossless(300, 200))).toEqual({ mediaType: "image/webp", width: 300, height: 200 });
  });

  it("round-trips any size written in a header", () => {
    const side = fc.integer({ min: 1, max: 16_383 });
    fc.assert(
      fc.property(side, side, (w, h) => {
        expect(sniffImage(gif(Math.min(w, 65_535), h))?.width).toBe(w);
        expect(sniffImage(jpeg(w, h))).toMatchObject({ width: w, height: h });
        expect(sniffImage(webpLossless(w, h))).toMatchObject({ width: w, height: h });
      }),
    );
  });

  it("never throws, and finds nothing in bytes without an image signature", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const found = sniffImage(bytes);
        if (found !== undefined) {
          expect(found.width).toBeGreaterThan(0);
          expect(found.height).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(sniffImage(Buffer.from(`x${text}`))).toBeUndefined();
      }),
    );
  });

  it("refuses a truncated or zero-sized header", () => {
    const png = makePng(4, 4);
    for (let cut = 0; cut < 33; cut++) expect(sniffImage(png.subarray(0, cut))).toBeUndefined();
    expect(sniffImage(gif(0, 5))).toBeUndefined();
    expect(sniffImage(jpeg(5, 0))).toBeUndefined();
  });
});
