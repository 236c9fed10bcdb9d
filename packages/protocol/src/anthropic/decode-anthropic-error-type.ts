import type { ErrorCode } from "../errors/error-codes.js";

/**
 * An upstream Anthropic `error.type` → catalogue code, for errors that arrive without a useful HTTP
 * status (in-stream `error` events). Account problems at the provider (authentication, permission,
 * billing) are the gateway's upstream failure, never the client's.
 * @see https://docs.anthropic.com/en/api/errors
 *
 * @example
 * decodeAnthropicErrorType("overloaded_error"); // "upstream_overloaded"
 */
export function decodeAnthropicErrorType(type: unknown): ErrorCode {
  switch (type) {
    case "invalid_request_error":
      return "invalid_request";
    case "request_too_large":
      return "payload_too_large";
    case "rate_limit_error":
      return "upstream_rate_limited";
    case "overloaded_error":
      return "upstream_overloaded";
    case "timeout_error":
      return "upstream_timeout";
    default:
      return "upstream_error";
  }
}
