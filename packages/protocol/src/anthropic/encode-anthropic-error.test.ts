import { describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../errors/error-codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import { encodeAnthropicError } from "./encode-anthropic-error.js";

describe("encodeAnthropicError", () => {
  it.each([
    ["invalid_request", 400, "invalid_request_error"],
    ["context_length_exceeded", 400, "invalid_request_error"],
    ["invalid_api_key", 401, "authentication_error"],
    ["permission_denied", 403, "permission_error"],
    ["model_not_found", 404, "not_found_error"],
    ["method_not_allowed", 405, "invalid_request_error"],
    ["payload_too_large", 413, "request_too_large"],
    ["rate_limited", 429, "rate_limit_error"],
    ["budget_exceeded", 402, "billing_error"],
    ["insufficient_credits", 402, "billing_error"],
    ["quota_exceeded", 429, "rate_limit_error"],
    ["model_not_in_plan", 403, "permission_error"],
    ["upstream_error", 502, "api_error"],
    ["upstream_overloaded", 529, "overloaded_error"],
    ["upstream_timeout", 504, "timeout_error"],
    ["internal_error", 500, "api_error"],
  ] as const)("%s → %d %s", (code, status, type) => {
    const out = encodeAnthropicError(new GatewayError(code, "Something"));
    expect(out).toEqual({ status, body: { type: "error", error: { type, message: "Something" } } });
  });

  it("maps every catalogue code to a documented Anthropic error type", () => {
    const documented = new Set([
      "invalid_request_error",
      "authentication_error",
      "billing_error",
      "permission_error",
      "not_found_error",
      "request_too_large",
      "rate_limit_error",
      "api_error",
      "timeout_error",
      "overloaded_error",
    ]);
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      expect(documented.has(encodeAnthropicError(new GatewayError(code)).body.error.type)).toBe(true);
    }
  });

  it("adds retry-after in whole seconds, the request id, and honours an explicit status", () => {
    const err = new GatewayError("upstream_rate_limited", "Slow down", {
      retryAfterSeconds: 2.2,
      status: 503,
    });
    expect(encodeAnthropicError(err, "req_123")).toEqual({
      status: 503,
      headers: { "retry-after": "3" },
      body: {
        type: "error",
        error: { type: "rate_limit_error", message: "Slow down" },
        request_id: "req_123",
      },
    });
  });
});
