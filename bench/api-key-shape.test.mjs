import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWellFormedKey, wellFormedKey } from "./api-key-shape.mjs";
import { seededRandom } from "./fuzz/seeded-random.mjs";

// Issued by Gatehouse's own generateApiKey (apps/server/src/auth/api-key-format.ts) on 2026-12-05.
const ISSUED = "gh_87Zen2NQulYArVq5heSY0F2obTGuKSZc3H32tA";

describe("api key shape", () => {
  it("accepts a key Gatehouse issued", () => {
    expect(isWellFormedKey(ISSUED)).toBe(true);
  });

  it("refuses that key with any one character changed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: ISSUED.length - 1 }),
        fc.integer({ min: 1, max: 61 }),
        (at, shift) => {
          const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
          const changed = alphabet[(alphabet.indexOf(ISSUED[at]) + shift) % 62];
          expect(isWellFormedKey(ISSUED.slice(0, at) + changed + ISSUED.slice(at + 1))).toBe(false);
        },
      ),
    );
  });

  it("makes well-formed keys, the same ones from the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const key = wellFormedKey(seededRandom(seed).next);
        expect(isWellFormedKey(key)).toBe(true);
        expect(wellFormedKey(seededRandom(seed).next)).toBe(key);
      }),
    );
  });

  it("refuses other shapes", () => {
    for (const key of [
      "",
      "gh_",
      "sk-abc",
      `${ISSUED}x`,
      ISSUED.slice(0, -1),
      ISSUED.replace("gh_", "gk_"),
    ]) {
      expect(isWellFormedKey(key)).toBe(false);
    }
  });
});
