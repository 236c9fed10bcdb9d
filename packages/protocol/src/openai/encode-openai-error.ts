import type { ErrorCode } from "../errors/error-codes.js";
import type { GatewayError } from "../errors/gateway-error.js";
import type { OpenAIErrorBody } from "./openai-chat-types.js";

/**
 * A catalogue code → OpenAI's `error.type`. Budget exhaustion reads as `insufficient_quota`, the type
 * OpenAI clients already treat as "do not retry".
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function openAIErrorType(code: ErrorCode): string {
  switch (code) {
    case "missing_api_key":
    case "invalid_api_key":
    case "revoked_api_key":
    case "expired_api_key":
    case "unauthenticated":
    case "invalid_credentials":
      return "authentication_error";
    case "permission_denied":
    case "model_not_in_plan":
    case "model_not_priced":
      return "permission_error";
    case "not_found":
    case "model_not_found":
      return "not_found_error";
    case "rate_limited":
    case "upstream_rate_limited":
      return "rate_limit_error";
    case "budget_exceeded":
    case "insufficient_credits":
    case "quota_exceeded":
      return "insufficient_quota";
    case "upstream_error":
    case "upstream_unreachable":
    case "upstream_overloaded":
    case "upstream_timeout":
    case "service_unavailable":
    case "stream_interrupted":
    case "internal_error":
      return "server_error";
    default:
      return "invalid_request_error";
  }
}

/**
 * A GatewayError → the HTTP answer an OpenAI client expects: `{"error":{"message","type","param","code"}}`
 * with `code` our catalogue code, and Retry-After when the error says how long to wait.
 * @see https://platform.openai.com/docs/guides/error-codes
 *
 * @example
 * const { status, body, headers } = encodeOpenAIError(new GatewayError("rate_limited", undefined, { retryAfterSeconds: 2 }));
 */
export function encodeOpenAIError(err: GatewayError): {
  status: number;
  body: OpenAIErrorBody;
  headers?: Record<string, string>;
} {
  const body: OpenAIErrorBody = {
    error: {
      message: err.message,
      type: openAIErrorType(err.code),
      param: err.details.param ?? null,
      code: err.code,
    },
  };
  const wait = err.details.retryAfterSeconds;
  if (wait === undefined) return { status: err.status, body };
  return { status: err.status, body, headers: { "retry-after": String(Math.max(0, Math.ceil(wait))) } };
}
