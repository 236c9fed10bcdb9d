import { describe, expect, it } from "vitest";
import { RetryBudget } from "./retry-budget.js";

/** Serves `requests` client requests against upstreams that always fail; returns the upstream attempts. */
function storm(budget: RetryBudget, requests: number, maxAttempts: number, tick: () => void): number {
  let attempts = 0;
  for (let i = 0; i < requests; i++, tick()) {
    budget.recordFirstAttempt();
    attempts++;
    for (let a = 1; a < maxAttempts && budget.tryRetry(); a++) attempts++;
  }
  return attempts;
}

describe("RetryBudget", () => {
  it("keeps attempts within 1.2× requests (+ the minimum) in a 100% failure storm", () => {
    const t = 0;
    const budget = new RetryBudget({ now: () => t });
    const attempts = storm(budget, 1000, 3, () => {});
    expect(attempts).toBeLessThanOrEqual(1.2 * 1000 + 3);
    // Not a budget that refuses everything: the allowed 20% were used.
    expect(attempts).toBeGreaterThanOrEqual(1200);
    expect(budget.stats()).toEqual({ firstAttempts: 1000, extraAttempts: 203 });
  });

  it("holds the bound when the storm lasts many windows", () => {
    let t = 0;
    const budget = new RetryBudget({ now: () => t });
    // 1000 requests, one every 100 ms: 100 s, ten 10 s windows.
    const attempts = storm(budget, 1000, 5, () => {
      t += 100;
    });
    expect(attempts).toBeLessThanOrEqual(1.2 * 1000 + 3 * 11);
    expect(attempts).toBeGreaterThan(1.15 * 1000);
  });

  it("lets a quiet system retry its rare failure", () => {
    let t = 0;
    const budget = new RetryBudget({ now: () => t });
    budget.recordFirstAttempt();
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    t += 10_000; // a whole window later the spent minimum is back
    expect(budget.tryRetry()).toBe(true);
  });

  it("earns back retries as first attempts slide in and spent ones slide out", () => {
    let t = 0;
    const budget = new RetryBudget({ now: () => t, minPerWindow: 0 });
    for (let i = 0; i < 10; i++) budget.recordFirstAttempt();
    expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    t += 5_000;
    for (let i = 0; i < 5; i++) budget.recordFirstAttempt();
    expect(budget.tryRetry()).toBe(true); // 15 first attempts earn 3
    expect(budget.tryRetry()).toBe(false);
    t += 5_500; // the first 10 (and the 2 retries spent with them) left the window
    expect(budget.stats()).toEqual({ firstAttempts: 5, extraAttempts: 1 });
    expect(budget.tryRetry()).toBe(false); // 5 earn 1, already spent
  });

  it("refuses a bad configuration with a 400-class error", () => {
    expect(() => new RetryBudget({ ratio: -1 })).toThrow(
      expect.objectContaining({ code: "invalid_request" }),
    );
    expect(() => new RetryBudget({ windowMs: 0 })).toThrow(/windowMs/);
  });
});
