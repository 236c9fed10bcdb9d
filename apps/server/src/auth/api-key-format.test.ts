import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, isWellFormedApiKey } from "./api-key-format.js";

describe("API key format", () => {
  it("generates distinct well-formed keys", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const k of keys) {
      expect(k).toMatch(/^gh_[0-9A-Za-z]{38}$/);
      expect(isWellFormedApiKey(k)).toBe(true);
    }
  });

  it("rejects any single-character change (checksum)", () => {
    const key = generateApiKey();
    fc.assert(
      fc.property(fc.integer({ min: 3, max: key.length - 1 }), fc.constantFrom(..."0aZ9"), (i, ch) => {
        fc.pre(key[i] !== ch);
        expect(isWellFormedApiKey(key.slice(0, i) + ch + key.slice(i + 1))).toBe(false);
      }),
    );
  });

  it("rejects arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(isWellFormedApiKey(s)).toBe(false);
      }),
    );
    expect(isWellFormedApiKey("sk-proj-abc")).toBe(false);
  });

  it("hashes to SHA-256 hex", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
