import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLLUP_GRANULARITIES } from "../../store/usage/rollup-layout.js";
import { MAX_POINTS, resolveUsageRange } from "./usage-range.js";

const NOW = Date.UTC(2026, 11, 6, 12, 34, 56);
const HOUR = 3_600_000;

describe("resolveUsageRange", () => {
  it("defaults to the last day per hour, and picks the interval by range", () => {
    expect(resolveUsageRange({}, NOW)).toMatchObject({ interval: "hour", points: 25 });
    expect(resolveUsageRange({ from: NOW - HOUR }, NOW).interval).toBe("minute");
    expect(resolveUsageRange({ from: NOW - 10 * 24 * HOUR }, NOW).interval).toBe("hour");
    expect(resolveUsageRange({ from: NOW - 400 * 24 * HOUR }, NOW).interval).toBe("day");
    expect(resolveUsageRange({ from: NOW - HOUR }, NOW, true).interval).toBe("hour");
  });

  it("answers an aligned range covering the request with at most MAX_POINTS points, or a 400", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: undefined }),
        fc.option(fc.constantFrom("minute" as const, "hour" as const, "day" as const), { nil: undefined }),
        fc.boolean(),
        (from, to, interval, needsKeys) => {
          let range: ReturnType<typeof resolveUsageRange>;
          try {
            range = resolveUsageRange({ from, to, interval }, NOW, needsKeys);
          } catch (error) {
            expect(error).toBeInstanceOf(GatewayError);
            expect((error as GatewayError).code).toBe("invalid_request");
            return;
          }
          const width = ROLLUP_GRANULARITIES[range.interval];
          const wantTo = to ?? NOW;
          expect(range.from).toBeLessThanOrEqual(from ?? Math.max(0, wantTo - 24 * HOUR));
          expect(range.to).toBeGreaterThanOrEqual(wantTo);
          expect(range.from % width).toBe(0);
          expect((range.to - range.from) / width).toBe(range.points);
          expect(range.points).toBeLessThanOrEqual(MAX_POINTS);
          if (needsKeys) expect(range.interval).not.toBe("minute");
        },
      ),
    );
  });
});
