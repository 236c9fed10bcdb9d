import { ERROR_CODES, type ErrorCode } from "../errors/error-codes.js";

/** Anthropic's error types, with the HTTP status Anthropic pairs with each. */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error";

/**
 * A catalogue code → Anthropic error type and status. Statuses follow the catalogue, except
 * `upstream_overloaded`, which answers 529 as Anthropic does (its SDKs retry it). Anthropic uses
 * `invalid_request_error` for 4xx statuses without a type of their own (405, 409, 415), and
 * `billing_error` (402) for an exhausted budget or credit balance, and `rate_limit_error` for token quotas.
 * @see https://docs.anthropic.com/en/api/errors
 *
 * @example
 * encodeAnthropicErrorType("upstream_overloaded"); // { type: "overloaded_error", status: 529 }
 */
export function encodeAnthropicErrorType(code: ErrorCode): { type: AnthropicErrorType; status: number } {
  const status = ERROR_CODES[code].status;
  switch (code) {
    case "missing_api_key":
    case "invalid_api_key":
    case "revoked_api_key":
    case "expired_api_key":
    case "unauthenticated":
    case "invalid_credentials":
      return { type: "authentication_error", status };
    case "permission_denied":
    case "model_not_in_plan":
    case "model_not_priced":
      return { type: "permission_error", status };
    case "budget_exceeded":
    case "insufficient_credits":
      return { type: "billing_error", status };
    case "not_found":
    case "model_not_found":
      return { type: "not_found_error", status };
    case "payload_too_large":
      return { type: "request_too_large", status };
    case "rate_limited":
    case "quota_exceeded":
    case "upstream_rate_limited":
      return { type: "rate_limit_error", status };
    case "upstream_overloaded":
      return { type: "overloaded_error", status: 529 };
    case "upstream_timeout":
      return { type: "timeout_error", status };
    case "upstream_error":
    case "upstream_unreachable":
    case "service_unavailable":
    case "stream_interrupted":
    case "internal_error":
      return { type: "api_error", status };
    default:
      return { type: "invalid_request_error", status };
  }
}
