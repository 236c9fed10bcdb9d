import type { GatewayError } from "@gatehouse/protocol";

const TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  409: "conflict_error",
  413: "invalid_request_error",
  429: "rate_limit_error",
};

/**
 * A GatewayError in OpenAI's error shape: `{"error":{"message","type","param","code"}}`.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function openAIErrorBody(err: GatewayError): { error: Record<string, unknown> } {
  return {
    error: {
      message: err.message,
      type: TYPES[err.status] ?? (err.status >= 500 ? "server_error" : "invalid_request_error"),
      param: err.details.param ?? null,
      code: err.code,
    },
  };
}
