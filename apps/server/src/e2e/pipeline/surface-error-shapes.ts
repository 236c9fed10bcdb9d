import type { ErrorCode } from "@gatehouse/protocol";
import { expect } from "vitest";
import type { DriverSurface } from "./pipeline-driver.js";

/**
 * What each catalogue code this suite meets reads as in each protocol, written out by hand from the
 * providers' documentation — not taken from the encoders under test.
 * @see https://platform.openai.com/docs/guides/error-codes
 * @see https://docs.anthropic.com/en/api/errors
 * @see https://cloud.google.com/apis/design/errors#http_mapping
 */
const TYPES: Partial<Record<ErrorCode, { openai: string; anthropic: string }>> = {
  invalid_json: { openai: "invalid_request_error", anthropic: "invalid_request_error" },
  invalid_request: { openai: "invalid_request_error", anthropic: "invalid_request_error" },
  missing_api_key: { openai: "authentication_error", anthropic: "authentication_error" },
  invalid_api_key: { openai: "authentication_error", anthropic: "authentication_error" },
  revoked_api_key: { openai: "authentication_error", anthropic: "authentication_error" },
  expired_api_key: { openai: "authentication_error", anthropic: "authentication_error" },
  model_not_found: { openai: "not_found_error", anthropic: "not_found_error" },
  payload_too_large: { openai: "invalid_request_error", anthropic: "request_too_large" },
  rate_limited: { openai: "rate_limit_error", anthropic: "rate_limit_error" },
  upstream_rate_limited: { openai: "rate_limit_error", anthropic: "rate_limit_error" },
  upstream_error: { openai: "server_error", anthropic: "api_error" },
  upstream_unreachable: { openai: "server_error", anthropic: "api_error" },
  upstream_overloaded: { openai: "server_error", anthropic: "overloaded_error" },
  upstream_timeout: { openai: "server_error", anthropic: "timeout_error" },
  stream_interrupted: { openai: "server_error", anthropic: "api_error" },
};

/** Google's canonical status for each HTTP status Gatehouse answers with. */
const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  404: "NOT_FOUND",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/**
 * Asserts that a JSON error body has exactly its surface's error shape for `code` at `status`:
 * OpenAI `{"error":{message,type,param,code}}`, Anthropic `{"type":"error","error":{type,message}}`,
 * Gemini `{"error":{code,message,status}}` (plus Google's `details` when a retry delay is due).
 * Without `code` (an upstream's own error relayed as it came), only the shape is checked.
 */
export function expectErrorShape(
  surface: DriverSurface,
  json: unknown,
  status: number | undefined,
  code: ErrorCode | undefined,
): void {
  const types = code === undefined ? undefined : TYPES[code];
  if (code !== undefined && types === undefined) throw new Error(`add ${code} to the table of error types`);
  const body = json as Record<string, Record<string, unknown>>;
  if (surface === "responses" && (body.type as unknown) === "response.failed") {
    expectResponsesFailed(body, code);
    return;
  }
  if (surface === "responses" && (body.type as unknown) === "error") {
    // The documented `error` event: code and message at the top level.
    expect(body).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String) });
    return;
  }
  if (surface === "openai" || surface === "responses") {
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error!).sort()).toEqual(["code", "message", "param", "type"]);
    expect(body.error).toMatchObject({
      type: types?.openai ?? expect.any(String),
      message: expect.any(String),
    });
    if (code !== undefined) expect(body.error!.code).toBe(code);
    expect(typeof body.error!.param === "string" || body.error!.param === null).toBe(true);
  } else if (surface === "anthropic") {
    expect(body.type).toBe("error");
    expect(Object.keys(body.error!).sort()).toEqual(["message", "type"]);
    expect(body.error).toMatchObject({
      type: types?.anthropic ?? expect.any(String),
      message: expect.any(String),
    });
  } else {
    expect(Object.keys(body)).toEqual(["error"]);
    const keys = Object.keys(body.error!).filter((k) => k !== "details");
    expect(keys.sort()).toEqual(["code", "message", "status"]);
    const own = status ?? (body.error!.code as number);
    expect(body.error).toMatchObject({ code: own, status: GOOGLE_STATUS[own], message: expect.any(String) });
  }
  expect(String(body.error!.message).length).toBeGreaterThan(0);
}

/**
 * A Responses stream's `response.failed` event: status failed, and `error.code` from the API's own
 * enum — `rate_limit_exceeded` for rate limits, `server_error` for the rest (the catalogue code is in
 * the log line and usage record).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-error
 */
function expectResponsesFailed(
  body: Record<string, Record<string, unknown>>,
  code: ErrorCode | undefined,
): void {
  const response = body.response as { status?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(response.status).toBe("failed");
  const rate = code === "rate_limited" || code === "upstream_rate_limited";
  const expected = code === undefined ? expect.any(String) : rate ? "rate_limit_exceeded" : "server_error";
  expect(response.error?.code).toEqual(expected);
  expect(String(response.error?.message ?? "").length).toBeGreaterThan(0);
}

/** The retry delay a Gemini error body carries (google.rpc.RetryInfo), e.g. "3s"; undefined when none. */
export function geminiRetryDelay(json: unknown): string | undefined {
  const details = (json as { error?: { details?: Array<{ "@type"?: string; retryDelay?: string }> } }).error
    ?.details;
  return details?.find((d) => d["@type"] === "type.googleapis.com/google.rpc.RetryInfo")?.retryDelay;
}
