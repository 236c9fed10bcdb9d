import { describe, expect, it } from "vitest";
import { goDuration, rateLimitHeaders } from "./rate-limit-headers.js";
import type { CounterState } from "./rate-limiter.js";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const counters: CounterState[] = [
  { key: "a", kind: "requests", limit: 100, remaining: 40, resetAt: NOW + 30_000 },
  { key: "b", kind: "requests", limit: 10, remaining: 9, resetAt: NOW + 60_000 },
  { key: "c", kind: "tokens", limit: 5000, remaining: 4000, resetAt: NOW + 1_500 },
  { key: "d", kind: "concurrent", limit: 2, remaining: 1, resetAt: NOW },
];

describe("rateLimitHeaders", () => {
  it("writes OpenAI's headers from the tightest counter of each kind (and on Gemini too)", () => {
    const expected = {
      "x-ratelimit-limit-requests": "10",
      "x-ratelimit-remaining-requests": "9",
      "x-ratelimit-reset-requests": "1m0s",
      "x-ratelimit-limit-tokens": "5000",
      "x-ratelimit-remaining-tokens": "4000",
      "x-ratelimit-reset-tokens": "1.5s",
    };
    expect(rateLimitHeaders("openai", counters, NOW)).toEqual(expected);
    expect(rateLimitHeaders("gemini", counters, NOW)).toEqual(expected);
  });

  it("writes Anthropic's with RFC 3339 reset times, tokens repeated as input tokens", () => {
    expect(rateLimitHeaders("anthropic", counters, NOW)).toEqual({
      "anthropic-ratelimit-requests-limit": "10",
      "anthropic-ratelimit-requests-remaining": "9",
      "anthropic-ratelimit-requests-reset": "2026-01-01T12:01:00Z",
      "anthropic-ratelimit-tokens-limit": "5000",
      "anthropic-ratelimit-tokens-remaining": "4000",
      "anthropic-ratelimit-tokens-reset": "2026-01-01T12:00:01Z",
      "anthropic-ratelimit-input-tokens-limit": "5000",
      "anthropic-ratelimit-input-tokens-remaining": "4000",
      "anthropic-ratelimit-input-tokens-reset": "2026-01-01T12:00:01Z",
    });
  });

  it("writes nothing for concurrency alone", () => {
    expect(rateLimitHeaders("openai", [counters[3]!], NOW)).toEqual({});
  });
});

describe("goDuration", () => {
  it("formats as Go's time.Duration does", () => {
    expect([0, 20, 999, 1000, 1500, 59_999, 60_000, 90_000, 3_600_000, 3_723_400].map(goDuration)).toEqual([
      "0ms",
      "20ms",
      "999ms",
      "1s",
      "1.5s",
      "59.999s",
      "1m0s",
      "1m30s",
      "1h0m0s",
      "1h2m3.4s",
    ]);
  });
});
