import { writeSse } from "@gatehouse/protocol";
import type { FakeErrorResponse } from "./fake-context.js";

/**
 * Anthropic's error body `{"type":"error","error":{"type","message"},"request_id"}` with the error type
 * Anthropic uses for each status (529 is `overloaded_error`).
 * @see https://docs.anthropic.com/en/api/errors
 *
 * @example
 * JSON.parse(anthropicErrorResponse(529, undefined, {}, "req_1").body).error.type; // "overloaded_error"
 */
export function anthropicErrorResponse(
  status: number,
  message: string | undefined,
  _details: Record<string, unknown>,
  requestId: string,
): FakeErrorResponse {
  const preset = ANTHROPIC_ERRORS[status] ?? {
    type: status >= 500 ? "api_error" : "invalid_request_error",
    message: "Error",
  };
  const error = { type: preset.type, message: message ?? preset.message };
  return { status, body: JSON.stringify({ type: "error", error, request_id: requestId }) };
}

const ANTHROPIC_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: "invalid_request_error", message: "Invalid request (fake-anthropic)." },
  401: { type: "authentication_error", message: "invalid x-api-key" },
  403: {
    type: "permission_error",
    message: "Your API key does not have permission to use the specified resource.",
  },
  404: { type: "not_found_error", message: "Not Found" },
  413: { type: "request_too_large", message: "Request exceeds the maximum allowed number of bytes." },
  429: {
    type: "rate_limit_error",
    message: "This request would exceed the rate limit for your organization of 50 requests per minute.",
  },
  500: { type: "api_error", message: "Internal server error" },
  503: { type: "api_error", message: "Service unavailable" },
  529: { type: "overloaded_error", message: "Overloaded" },
};

/**
 * Anthropic's in-stream error: an `event: error` whose data is the error body (here `overloaded_error`,
 * what Anthropic sends when overloaded mid-stream).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#error-events
 */
export function encodeAnthropicStreamError(): string {
  const data = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
  return writeSse({ event: "error", data: JSON.stringify(data) });
}
