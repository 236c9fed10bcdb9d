import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUsd } from "./format-usd.js";
import { parseUsd } from "./parse-usd.js";

describe("parseUsd", () => {
  it("reads USD into integer nano-USD", () => {
    expect(parseUsd("10.50")).toBe(10_500_000_000);
    expect(parseUsd("1")).toBe(1e9);
    expect(parseUsd("0.000000001")).toBe(1);
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["", "-1", "1e3", "1.0000000001", "$5", "12345678", "9999999.999999999"])
      expect(() => parseUsd(bad)).toThrow();
  });

  it("is the inverse of formatUsd", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (nano) => {
        expect(parseUsd(formatUsd(nano))).toBe(nano);
      }),
    );
  });
});
