import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_BREAKER_POLICY, rateLimitCoolDownMs, resolveBreakerPolicy } from "./breaker-policy.js";

describe("resolveBreakerPolicy", () => {
  it("fills the defaults and freezes the result", () => {
    const p = resolveBreakerPolicy({ consecutiveFailures: 3, coolDownMs: undefined });
    expect(p).toEqual({ ...DEFAULT_BREAKER_POLICY, consecutiveFailures: 3 });
    expect(Object.isFrozen(p)).toBe(true);
  });

  it("caps rate-limit cool-downs at a minute by default", () => {
    expect(resolveBreakerPolicy().maxRateLimitCoolDownMs).toBe(60_000);
    expect(resolveBreakerPolicy({ maxRateLimitCoolDownMs: 5_000 }).maxRateLimitCoolDownMs).toBe(5_000);
  });

  it.each([
    [{ consecutiveFailures: 0 }, "consecutiveFailures"],
    [{ windowMs: 1.5 }, "windowMs"],
    [{ failureRate: 0 }, "failureRate"],
    [{ failureRate: 1.1 }, "failureRate"],
    [{ coolDownMultiplier: 0.5 }, "coolDownMultiplier"],
    [{ coolDownMs: 60_000, maxCoolDownMs: 30_000 }, "maxCoolDownMs"],
    [{ windowBuckets: 61 }, "windowBuckets"],
    [{ maxRateLimitCoolDownMs: 0 }, "maxRateLimitCoolDownMs"],
    [{ maxRateLimitCoolDownMs: 1_000.5 }, "maxRateLimitCoolDownMs"],
    [{ maxRateLimitCoolDownMs: Number.POSITIVE_INFINITY }, "maxRateLimitCoolDownMs"],
  ])("refuses %o with a 400 naming %s", (partial, param) => {
    expect(() => resolveBreakerPolicy(partial)).toThrow(
      expect.objectContaining({ code: "invalid_request", details: { param } }),
    );
  });
});

describe("rateLimitCoolDownMs", () => {
  const policy = resolveBreakerPolicy({ maxRateLimitCoolDownMs: 10_000 });

  it.each([
    [5_000, 5_000],
    [0.1, 1],
    [9_999.2, 10_000],
    [10_001, 10_000],
    [Number.POSITIVE_INFINITY, 10_000],
    [0, 0],
    [-5, 0],
    [Number.NaN, 0],
    [Number.NEGATIVE_INFINITY, 0],
  ])("turns a request for %d ms into %d ms", (ms, expected) => {
    expect(rateLimitCoolDownMs(policy, ms)).toBe(expected);
  });

  it("always gives a whole number of ms within [0, cap], positive exactly when asked for a positive one", () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 1, max: 1e9 }), (ms, cap) => {
        const p = resolveBreakerPolicy({ maxRateLimitCoolDownMs: cap });
        const got = rateLimitCoolDownMs(p, ms);
        expect(Number.isSafeInteger(got)).toBe(true);
        expect(got).toBeGreaterThanOrEqual(0);
        expect(got).toBeLessThanOrEqual(cap);
        expect(got > 0).toBe(ms > 0);
        if (ms > 0 && ms <= cap) expect(got).toBeGreaterThanOrEqual(ms); // never shorter than asked
      }),
    );
  });
});
