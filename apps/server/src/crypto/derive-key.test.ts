import { hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveKey } from "./derive-key.js";

const master = Buffer.alloc(32, 7);

describe("deriveKey", () => {
  it("derives 32 bytes with HKDF-SHA256 and info gatehouse:<purpose>", () => {
    const key = deriveKey(master, "access-token");
    expect(key.length).toBe(32);
    const expected = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "gatehouse:access-token", 32));
    expect(key.equals(expected)).toBe(true);
  });

  it("is stable for a purpose and different across purposes and master keys", () => {
    expect(deriveKey(master, "access-token").equals(deriveKey(master, "access-token"))).toBe(true);
    expect(deriveKey(master, "access-token").equals(deriveKey(master, "csrf"))).toBe(false);
    expect(deriveKey(Buffer.alloc(32, 8), "access-token").equals(deriveKey(master, "access-token"))).toBe(
      false,
    );
  });

  it("refuses a short master key and an empty purpose", () => {
    expect(() => deriveKey(Buffer.alloc(16), "access-token")).toThrow(RangeError);
    expect(() => deriveKey(master, "")).toThrow(RangeError);
  });
});
