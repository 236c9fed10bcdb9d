import { describe, expect, it } from "vitest";
import { headerValue, parseRetryAfter } from "./parse-retry-after.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("prefers retry-after-ms, then retry-after, then exhausted rate-limit resets", () => {
    expect(parseRetryAfter({ "retry-after-ms": "1500", "retry-after": "9" }, NOW)).toBe(2);
    expect(parseRetryAfter({ "retry-after": "9" }, NOW)).toBe(9);
    expect(
      parseRetryAfter(
        {
          "anthropic-ratelimit-tokens-remaining": "0",
          "anthropic-ratelimit-tokens-reset": "2025-01-01T00:00:07Z",
          "anthropic-ratelimit-output-tokens-remaining": "0",
          "anthropic-ratelimit-output-tokens-reset": "2025-01-01T00:00:04Z",
        },
        NOW,
      ),
    ).toBe(7);
  });

  it("never goes negative and ignores what it cannot read", () => {
    expect(parseRetryAfter({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }, NOW)).toBe(0);
    expect(parseRetryAfter({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
  });

  it("looks headers up case-insensitively, taking the first of repeated values", () => {
    expect(headerValue({ "Retry-After": ["3", "4"] }, "retry-after")).toBe("3");
    expect(headerValue({ other: "1" }, "retry-after")).toBeUndefined();
  });
});
