import { describe, expect, it } from "vitest";
import { InFlightTracker } from "./in-flight-tracker.js";

describe("InFlightTracker", () => {
  it("counts requests in flight per deployment and never goes below zero", () => {
    const tracker = new InFlightTracker();
    expect(tracker.increment("a")).toBe(1);
    expect(tracker.increment("a")).toBe(2);
    expect(tracker.increment("b")).toBe(1);
    expect(tracker.decrement("a")).toBe(1);
    expect([tracker.get("a"), tracker.get("b"), tracker.get("c")]).toEqual([1, 1, 0]);
    expect(tracker.decrement("a")).toBe(0);
    expect(tracker.decrement("a")).toBe(0);
    expect(tracker.increment("a")).toBe(1);
  });
});
