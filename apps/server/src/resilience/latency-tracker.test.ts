import { describe, expect, it } from "vitest";
import { LatencyTracker } from "./latency-tracker.js";

describe("LatencyTracker", () => {
  it("averages samples with weight alpha on the newest", () => {
    const tracker = new LatencyTracker({ alpha: 0.25, now: () => 0 });
    tracker.record("a", 100);
    expect(tracker.estimate("a")).toBe(100);
    tracker.record("a", 500);
    expect(tracker.estimate("a")).toBe(200);
    tracker.record("a", -1); // nonsense is ignored
    tracker.record("a", Number.NaN);
    expect(tracker.estimate("a")).toBe(200);
  });

  it("forgets an estimate that was not refreshed for staleAfterMs", () => {
    let t = 0;
    const tracker = new LatencyTracker({ alpha: 0.5, staleAfterMs: 1_000, now: () => t });
    tracker.record("a", 100);
    t = 1_000;
    expect(tracker.estimate("a")).toBe(100);
    expect(tracker.shouldExplore("a")).toBe(false);
    t = 1_001;
    expect(tracker.estimate("a")).toBeUndefined();
    expect(tracker.shouldExplore("a")).toBe(true);
    tracker.record("a", 40);
    expect(tracker.estimate("a")).toBe(40); // replaced, not blended with the stale 100
  });

  it("hands out one explorer per lease", () => {
    let t = 0;
    const tracker = new LatencyTracker({ exploreLeaseMs: 500, now: () => t });
    expect(tracker.shouldExplore("new")).toBe(true);
    tracker.markExploring("new");
    expect(tracker.shouldExplore("new")).toBe(false);
    t = 500;
    expect(tracker.shouldExplore("new")).toBe(true);
    tracker.markExploring("new");
    tracker.record("new", 10);
    expect(tracker.shouldExplore("new")).toBe(false);
  });
});
