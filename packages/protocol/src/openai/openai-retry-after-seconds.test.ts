import { describe, expect, it } from "vitest";
import { openAIRetryAfterSeconds } from "./openai-retry-after-seconds.js";

const now = Date.parse("2025-01-01T00:00:00Z");

describe("openAIRetryAfterSeconds", () => {
  it("prefers retry-after-ms, rounded up", () => {
    expect(openAIRetryAfterSeconds({ "retry-after-ms": "1200", "retry-after": "9" }, now)).toBe(2);
  });

  it("reads retry-after as seconds or as an HTTP date, whatever the header's case", () => {
    expect(openAIRetryAfterSeconds({ "Retry-After": "3" }, now)).toBe(3);
    expect(openAIRetryAfterSeconds({ "retry-after": ["4", "5"] }, now)).toBe(4);
    expect(openAIRetryAfterSeconds({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }, now)).toBe(30);
    expect(openAIRetryAfterSeconds({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" }, now)).toBe(0);
  });

  it("falls back to the reset of the exhausted x-ratelimit budget", () => {
    const headers = {
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "6m0s",
      "x-ratelimit-remaining-tokens": "100",
      "x-ratelimit-reset-tokens": "1h",
    };
    expect(openAIRetryAfterSeconds(headers, now)).toBe(360);
    expect(
      openAIRetryAfterSeconds(
        { "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "250ms" },
        now,
      ),
    ).toBe(1);
  });

  it("gives nothing for absent or unreadable headers", () => {
    expect(openAIRetryAfterSeconds({}, now)).toBeUndefined();
    expect(openAIRetryAfterSeconds({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(
      openAIRetryAfterSeconds(
        { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "later" },
        now,
      ),
    ).toBeUndefined();
  });
});
