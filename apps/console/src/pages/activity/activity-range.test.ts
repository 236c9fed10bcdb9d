import { describe, expect, it } from "vitest";
import { fromLocalInput, rangeValue, resolveRange, toLocalInput } from "./activity-range";

const now = Date.parse("2026-12-06T12:00:00Z");

describe("activity ranges", () => {
  it("resolves presets back from now, and an unknown range to the default (24 hours)", () => {
    expect(resolveRange("1h", undefined, undefined, now)).toEqual({ from: now - 3_600_000, to: now });
    expect(resolveRange("30d", undefined, undefined, now).from).toBe(now - 30 * 86_400_000);
    expect(rangeValue("nonsense")).toBe("24h");
    expect(rangeValue("custom")).toBe("custom");
  });

  it("takes a custom range from the URL, falling back to 24 hours when it is missing or reversed", () => {
    expect(resolveRange("custom", "1000", "2000", now)).toEqual({ from: 1000, to: 2000 });
    expect(resolveRange("custom", "3000", "2000", now)).toEqual({ from: now - 86_400_000, to: now });
    expect(resolveRange("custom", "abc", undefined, now)).toEqual({ from: now - 86_400_000, to: now });
  });

  it("round-trips a datetime-local input value (to the minute)", () => {
    const at = Date.parse("2026-12-06T08:31:00Z");
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput("")).toBeUndefined();
  });
});
