import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAgo, formatCount, formatMs, formatPercent, formatUsd } from "./format";

describe("formatUsd", () => {
  it("shows dollars from nano-USD, keeping small amounts readable", () => {
    expect(formatUsd(1_234_567_890)).toBe("$1.23");
    expect(formatUsd(420_000)).toBe("$0.00042");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(-2_500_000_000)).toBe("-$2.50");
    expect(formatUsd("15000000000")).toBe("$15.00");
    expect(formatUsd(undefined)).toBe("—");
  });
  it("never prints NaN or an empty string for any integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        const s = formatUsd(n);
        expect(s).toMatch(/^-?\$[\d,]+\.\d+$/);
      }),
    );
  });
});

describe("formatCount, formatMs, formatPercent, formatAgo", () => {
  it("abbreviates counts and durations", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12_345)).toBe("12.3K");
    expect(formatCount(1_234_567)).toBe("1.23M");
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(1250)).toBe("1.25 s");
    expect(formatMs(125_000)).toBe("2 min 5 s");
    expect(formatPercent(0.0123)).toBe("1.2 %");
    expect(formatPercent(0.5)).toBe("50 %");
  });
  it("says how long ago", () => {
    const now = Date.parse("2026-12-06T12:00:00Z");
    expect(formatAgo("2026-12-06T11:59:50Z", now)).toBe("just now");
    expect(formatAgo("2026-12-06T11:55:00Z", now)).toBe("5 min ago");
    expect(formatAgo("2026-12-06T09:00:00Z", now)).toBe("3 h ago");
    expect(formatAgo(null, now)).toBe("never");
  });
});
