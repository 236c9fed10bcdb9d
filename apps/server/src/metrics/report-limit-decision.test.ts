import { describe, expect, it } from "vitest";
import type { LimiterDecision } from "./gateway-metrics.js";
import { reportLimitDecision } from "./report-limit-decision.js";

function recorder() {
  const seen: LimiterDecision[] = [];
  return { seen, metrics: { observeRequest() {}, onDecision: (d: LimiterDecision) => void seen.push(d) } };
}

describe("reportLimitDecision", () => {
  it("counts an allowed check once and a refusal once per refusing counter", () => {
    const r = recorder();
    reportLimitDecision(r.metrics, { allowed: true, refusedKinds: [] });
    reportLimitDecision(r.metrics, { allowed: false, refusedKinds: ["requests", "concurrent"] });
    expect(r.seen).toEqual([
      { limiter: "rate_limits", decision: "allowed" },
      { limiter: "rpm", decision: "refused" },
      { limiter: "concurrency", decision: "refused" },
    ]);
  });
});
