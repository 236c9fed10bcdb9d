import { describe, expect, it } from "vitest";
import { DEFAULT_BREAKER_POLICY, resolveBreakerPolicy } from "./breaker-policy.js";

describe("resolveBreakerPolicy", () => {
  it("fills the defaults and freezes the result", () => {
    const p = resolveBreakerPolicy({ consecutiveFailures: 3, coolDownMs: undefined });
    expect(p).toEqual({ ...DEFAULT_BREAKER_POLICY, consecutiveFailures: 3 });
    expect(Object.isFrozen(p)).toBe(true);
  });

  it.each([
    [{ consecutiveFailures: 0 }, "consecutiveFailures"],
    [{ windowMs: 1.5 }, "windowMs"],
    [{ failureRate: 0 }, "failureRate"],
    [{ failureRate: 1.1 }, "failureRate"],
    [{ coolDownMultiplier: 0.5 }, "coolDownMultiplier"],
    [{ coolDownMs: 60_000, maxCoolDownMs: 30_000 }, "maxCoolDownMs"],
    [{ windowBuckets: 61 }, "windowBuckets"],
  ])("refuses %o with a 400 naming %s", (partial, param) => {
    expect(() => resolveBreakerPolicy(partial)).toThrow(
      expect.objectContaining({ code: "invalid_request", details: { param } }),
    );
  });
});
