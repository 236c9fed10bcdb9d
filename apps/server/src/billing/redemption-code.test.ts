import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateRedemptionCode, hashRedemptionCode } from "./redemption-code.js";

describe("redemption codes", () => {
  it("look like GH- and four groups of five unambiguous symbols, and differ each time", () => {
    const codes = new Set(Array.from({ length: 200 }, generateRedemptionCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^GH(-[2-9A-HJKMNP-Z]{5}){4}$/);
  });

  it("hash the same whatever the case and spacing", () => {
    const code = generateRedemptionCode();
    expect(hashRedemptionCode(` ${code.toLowerCase()} `)).toBe(hashRedemptionCode(code));
    expect(hashRedemptionCode(code)).toMatch(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const norm = (s: string) => s.replace(/\s+/g, "").toUpperCase();
        if (norm(a) !== norm(b)) expect(hashRedemptionCode(a)).not.toBe(hashRedemptionCode(b));
      }),
    );
  });
});
