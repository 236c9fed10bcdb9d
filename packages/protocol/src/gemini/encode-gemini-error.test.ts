import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { encodeGeminiError } from "./encode-gemini-error.js";

describe("encodeGeminiError", () => {
  it.each([
    ["invalid_request", 400, "INVALID_ARGUMENT"],
    ["invalid_api_key", 401, "UNAUTHENTICATED"],
    ["permission_denied", 403, "PERMISSION_DENIED"],
    ["model_not_found", 404, "NOT_FOUND"],
    ["budget_exceeded", 402, "RESOURCE_EXHAUSTED"],
    ["quota_exceeded", 429, "RESOURCE_EXHAUSTED"],
    ["internal_error", 500, "INTERNAL"],
    ["upstream_error", 502, "UNAVAILABLE"],
    ["upstream_overloaded", 503, "UNAVAILABLE"],
    ["upstream_timeout", 504, "DEADLINE_EXCEEDED"],
  ] as const)("renders %s as HTTP %i %s", (code, status, rpc) => {
    expect(encodeGeminiError(new GatewayError(code, "msg"))).toEqual({
      status,
      body: { error: { code: status, message: "msg", status: rpc } },
    });
  });

  it("adds Retry-After and a RetryInfo detail when a delay is known", () => {
    const err = new GatewayError("rate_limited", "Slow down", { retryAfterSeconds: 2.2 });
    expect(encodeGeminiError(err)).toEqual({
      status: 429,
      headers: { "retry-after": "3" },
      body: {
        error: {
          code: 429,
          message: "Slow down",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "3s" }],
        },
      },
    });
  });
});
