import { describe, expect, it } from "vitest";
import { sniffImageType } from "./sniff-image-type.js";
import { PNG_1X1 } from "./test-image-server.js";

describe("sniffImageType", () => {
  it.each([
    [PNG_1X1, "image/png"],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image/jpeg"],
    [Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"), "image/gif"],
    [Buffer.from("GIF87a\x01\x00", "latin1"), "image/gif"],
    [Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8 ", "latin1"), "image/webp"],
  ])("recognises %#", (bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it.each([
    Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt ", "latin1"),
    Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    Buffer.alloc(0),
  ])("refuses look-alikes and short input %#", (bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });

  it("reads a view into a larger buffer at its own offset", () => {
    const big = Buffer.concat([Buffer.from("junk"), PNG_1X1]);
    expect(sniffImageType(big.subarray(4))).toBe("image/png");
  });
});
