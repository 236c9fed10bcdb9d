import { describe, expect, it } from "vitest";
import { decodeAnthropicError } from "./decode-anthropic-error.js";

const body = (type: string, message: string) =>
  JSON.stringify({ type: "error", error: { type, message }, request_id: "req_1" });
const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("decodeAnthropicError", () => {
  it.each([
    [400, "invalid_request_error", "messages: roles must alternate", "invalid_request", 400],
    [
      400,
      "invalid_request_error",
      "prompt is too long: 208000 tokens > 200000 maximum",
      "context_length_exceeded",
      400,
    ],
    [401, "authentication_error", "invalid x-api-key", "upstream_error", 502],
    [402, "billing_error", "Your credit balance is too low", "upstream_error", 502],
    [403, "permission_error", "Your API key does not have permission", "upstream_error", 502],
    [404, "not_found_error", "model: claude-9", "model_not_found", 404],
    [404, "not_found_error", "Not found", "upstream_error", 502],
    [
      413,
      "request_too_large",
      "Request exceeds the maximum allowed number of bytes.",
      "payload_too_large",
      413,
    ],
    [
      429,
      "rate_limit_error",
      "Number of request tokens has exceeded your per-minute rate limit",
      "upstream_rate_limited",
      429,
    ],
    [500, "api_error", "Internal server error", "upstream_error", 502],
    [503, "api_error", "Service unavailable", "upstream_overloaded", 503],
    [529, "overloaded_error", "Overloaded", "upstream_overloaded", 503],
    [504, "timeout_error", "Request timed out", "upstream_timeout", 504],
    [418, "overloaded_error", "odd", "upstream_overloaded", 503],
    [422, "invalid_request_error", "bad", "invalid_request", 400],
  ] as const)("%d %s → %s", (status, type, message, code, clientStatus) => {
    const err = decodeAnthropicError(status, body(type, message), {}, NOW);
    expect(err.code).toBe(code);
    expect(err.status).toBe(clientStatus);
    expect(err.message).toBe(message);
    expect(err.details.upstreamType).toBe(type);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(
      decodeAnthropicError(429, body("rate_limit_error", "x"), { "Retry-After": "12" }, NOW).details
        .retryAfterSeconds,
    ).toBe(12);
    const date = { "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" };
    expect(
      decodeAnthropicError(529, body("overloaded_error", "x"), date, NOW).details.retryAfterSeconds,
    ).toBe(30);
  });

  it("falls back to the reset time of an exhausted Anthropic rate limit", () => {
    const headers = {
      "anthropic-ratelimit-requests-remaining": "5",
      "anthropic-ratelimit-requests-reset": "2025-01-01T00:00:05Z",
      "anthropic-ratelimit-input-tokens-remaining": ["0"],
      "anthropic-ratelimit-input-tokens-reset": "2025-01-01T00:00:20Z",
    };
    expect(
      decodeAnthropicError(429, body("rate_limit_error", "x"), headers, NOW).details.retryAfterSeconds,
    ).toBe(20);
  });

  it("keeps a non-JSON body's text, or says the status when the body is empty", () => {
    const html = decodeAnthropicError(502, "<html>Bad Gateway</html>", {}, NOW);
    expect([html.code, html.message, html.details.upstreamType]).toEqual([
      "upstream_error",
      "<html>Bad Gateway</html>",
      undefined,
    ]);
    expect(decodeAnthropicError(500, "", {}, NOW).message).toBe("Anthropic returned HTTP 500");
  });
});
