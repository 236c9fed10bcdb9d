import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("crc32", () => {
  it("matches the standard check values", () => {
    expect(crc32(bytes("123456789"))).toBe(0xcbf43926);
    expect(crc32(bytes(""))).toBe(0);
    expect(crc32(bytes("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
  });

  it("checksums a sub-range", () => {
    expect(crc32(bytes("xx123456789yy"), 2, 11)).toBe(0xcbf43926);
  });
});
