import { describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../errors/error-codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import { encodeOpenAIError, openAIErrorType } from "./encode-openai-error.js";

describe("encodeOpenAIError", () => {
  it("writes OpenAI's error shape with our code, the param and the status", () => {
    const err = new GatewayError("invalid_request", "'temperature' must be a number", {
      param: "temperature",
    });
    expect(encodeOpenAIError(err)).toEqual({
      status: 400,
      body: {
        error: {
          message: "'temperature' must be a number",
          type: "invalid_request_error",
          param: "temperature",
          code: "invalid_request",
        },
      },
    });
  });

  it("sends Retry-After in whole seconds", () => {
    const out = encodeOpenAIError(new GatewayError("rate_limited", undefined, { retryAfterSeconds: 1.2 }));
    expect(out.status).toBe(429);
    expect(out.headers).toEqual({ "retry-after": "2" });
    expect(out.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limited", param: null });
  });

  it("gives every catalogue code a type OpenAI clients know", () => {
    const expected: Partial<Record<ErrorCode, string>> = {
      invalid_api_key: "authentication_error",
      permission_denied: "permission_error",
      model_not_found: "not_found_error",
      upstream_rate_limited: "rate_limit_error",
      budget_exceeded: "insufficient_quota",
      insufficient_credits: "insufficient_quota",
      quota_exceeded: "insufficient_quota",
      model_not_in_plan: "permission_error",
      upstream_timeout: "server_error",
      internal_error: "server_error",
      context_length_exceeded: "invalid_request_error",
    };
    for (const [code, type] of Object.entries(expected))
      expect(openAIErrorType(code as ErrorCode)).toBe(type);
    const known = new Set([
      "invalid_request_error",
      "authentication_error",
      "permission_error",
      "not_found_error",
      "rate_limit_error",
      "insufficient_quota",
      "server_error",
    ]);
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[])
      expect(known.has(openAIErrorType(code))).toBe(true);
  });

  it("answers with the status a passthrough error carries", () => {
    expect(encodeOpenAIError(new GatewayError("upstream_error", "x", { status: 500 })).status).toBe(500);
  });
});
