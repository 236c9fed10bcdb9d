import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nanoToUsdInput, parseUsd } from "./parse-usd";

describe("parseUsd", () => {
  it("turns typed dollars into integer nano-USD without floating point", () => {
    expect(parseUsd("12.50")).toBe(12_500_000_000);
    expect(parseUsd("$1,000")).toBe(1_000_000_000_000);
    expect(parseUsd("0.1")).toBe(100_000_000);
    expect(parseUsd("0.000000001")).toBe(1);
    expect(parseUsd("0.03")).toBe(30_000_000);
    expect(parseUsd(" 5 ")).toBe(5_000_000_000);
  });
  it("refuses what is not an amount", () => {
    for (const bad of ["", "abc", "-1", "1.2.3", "0.0000000001", "1e3", "99999999999"]) {
      expect(parseUsd(bad)).toBeUndefined();
    }
  });
  it("takes what the price and key-cap forms took: a bare fraction, thousands groups only", () => {
    expect(parseUsd("$0.15")).toBe(150_000_000);
    expect(parseUsd("3")).toBe(3_000_000_000);
    expect(parseUsd(".5")).toBe(500_000_000);
    expect(parseUsd("0.3")).toBe(300_000_000);
    expect(parseUsd("0.29")).toBe(290_000_000);
    for (const bad of ["1.0000000001", "1,5", "."]) expect(parseUsd(bad)).toBeUndefined();
    expect(nanoToUsdInput(2_500_000_000)).toBe("2.5");
    expect(nanoToUsdInput(0)).toBe("0");
    expect(nanoToUsdInput(1)).toBe("0.000000001");
  });
  it("round-trips every amount through the form's text", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseUsd(nanoToUsdInput(n))).toBe(n);
      }),
    );
  });
});
