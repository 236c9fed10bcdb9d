import { describe, expect, it } from "vitest";
import { decodeGeminiError } from "./decode-gemini-error.js";

const body = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
const now = Date.parse("2025-01-01T00:00:00Z");

describe("decodeGeminiError", () => {
  it.each([
    [400, "INVALID_ARGUMENT", "Invalid value at 'contents[0]'", "invalid_request", 400],
    [
      400,
      "INVALID_ARGUMENT",
      "The input token count (2551556) exceeds the maximum number of tokens allowed (1048576).",
      "context_length_exceeded",
      400,
    ],
    [400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "upstream_error", 502],
    [400, "FAILED_PRECONDITION", "User location is not supported for the API use.", "upstream_error", 502],
    [401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", "upstream_error", 502],
    [403, "PERMISSION_DENIED", "Permission denied", "upstream_error", 502],
    [404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta", "model_not_found", 404],
    [413, "INVALID_ARGUMENT", "Request payload size exceeds the limit", "payload_too_large", 413],
    [
      429,
      "RESOURCE_EXHAUSTED",
      "Resource has been exhausted (e.g. check quota).",
      "upstream_rate_limited",
      429,
    ],
    [500, "INTERNAL", "An internal error has occurred.", "upstream_error", 502],
    [503, "UNAVAILABLE", "The model is overloaded.", "upstream_overloaded", 503],
    [504, "DEADLINE_EXCEEDED", "Deadline exceeded", "upstream_timeout", 504],
  ])("maps HTTP %i %s to %s", (status, rpc, message, code, httpStatus) => {
    const err = decodeGeminiError(status, body(status, rpc, message), {});
    expect(err.code).toBe(code);
    expect(err.status).toBe(httpStatus);
    expect(err.message).toBe(message);
    expect(err.details.upstreamType).toBe(rpc);
  });

  it("recognizes an invalid provider key by its ErrorInfo reason", () => {
    const details = [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" }];
    expect(decodeGeminiError(400, body(400, "INVALID_ARGUMENT", "Bad key", details), {}).code).toBe(
      "upstream_error",
    );
  });

  it("reads the retry delay from Retry-After seconds, an HTTP date, or RetryInfo", () => {
    const quota = body(429, "RESOURCE_EXHAUSTED", "Quota", [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37.5s" },
    ]);
    expect(decodeGeminiError(429, quota, {}, now).details.retryAfterSeconds).toBe(38);
    expect(decodeGeminiError(429, quota, { "Retry-After": "12" }, now).details.retryAfterSeconds).toBe(12);
    const date = new Date(now + 30_000).toUTCString();
    expect(decodeGeminiError(429, quota, { "retry-after": [date] }, now).details.retryAfterSeconds).toBe(30);
    expect(
      decodeGeminiError(429, body(429, "RESOURCE_EXHAUSTED", "Quota"), {}, now).details.retryAfterSeconds,
    ).toBeUndefined();
  });

  it("reads the array-wrapped envelope and survives bodies that are not JSON", () => {
    const wrapped = `[${body(404, "NOT_FOUND", "Requested entity was not found.")}]`;
    expect(decodeGeminiError(404, wrapped, {}).code).toBe("upstream_error");
    const html = decodeGeminiError(502, "<html>Bad Gateway</html>", {});
    expect(html.code).toBe("upstream_error");
    expect(html.message).toBe("<html>Bad Gateway</html>");
    expect(decodeGeminiError(500, "", {}).message).toBe("Gemini returned HTTP 500");
  });
});
