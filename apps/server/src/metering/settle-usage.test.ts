import { describe, expect, it } from "vitest";
import { finalUsage, streamOutcomeOf, type UsageOutcome } from "./settle-usage.js";

const outcome = (o: Partial<UsageOutcome> = {}): UsageOutcome => ({
  status: 200,
  errorCode: undefined,
  usage: { inputTokens: 1000, outputTokens: 100 },
  usageEstimated: false,
  interrupted: false,
  ttfbMs: 40,
  ...o,
});

describe("streamOutcomeOf", () => {
  it("names how a stream ended, and nothing for an answer that was not streamed", () => {
    expect(streamOutcomeOf(outcome(), false)).toBeNull();
    expect(streamOutcomeOf(outcome(), true)).toBe("completed");
    expect(streamOutcomeOf(outcome({ status: 499, interrupted: true }), true)).toBe("client_closed");
    expect(streamOutcomeOf(outcome({ interrupted: true, errorCode: "stream_interrupted" }), true)).toBe(
      "cut",
    );
    expect(streamOutcomeOf(outcome({ status: 502, errorCode: "upstream_error" }), true)).toBe("cut");
  });
});

describe("finalUsage", () => {
  const timing = { startedAt: 1_000, finishedAt: 1_750, stream: true };

  it("records every usage part, the exact cost with markup, the price version and the latency", () => {
    const price = {
      sheet: { input: 3e9, output: 15e9, cacheWrite1h: 6e9 },
      version: "v1",
      source: "catalog" as const,
    };
    const usage = {
      inputTokens: 1000,
      outputTokens: 100,
      cacheWriteTokens: 200,
      cacheWrite1hTokens: 200,
      imageTokens: 50,
      audioTokens: 10,
      audioOutputTokens: 5,
    };
    const rec = finalUsage(
      "req_1",
      outcome({ usage }),
      { price, markupBps: 1000, monthlyTokens: 0 },
      [],
      timing,
    );
    expect(rec).toMatchObject({
      cacheWrite1hTokens: 200,
      imageTokens: 50,
      audioTokens: 15,
      // (800 × 3000 + 200 × 6000 + 100 × 15000) × 1.1
      costNano: 5_610_000,
      priceVersion: "v1",
      unpriced: false,
      streamOutcome: "completed",
      latencyMs: 750,
    });
  });

  it("flags a request without a price as unpriced at cost 0", () => {
    const rec = finalUsage(
      "req_2",
      outcome(),
      { price: undefined, markupBps: 0, monthlyTokens: 0 },
      [],
      timing,
    );
    expect(rec).toMatchObject({ costNano: 0, unpriced: true, priceVersion: null });
  });
});
