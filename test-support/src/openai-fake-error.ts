import type { FakeErrorResponse } from "./fake-context.js";

/**
 * OpenAI's error body: `{"error":{"message","type","param","code"}}`, with the type and code OpenAI sends
 * for each status. A 429 is what OpenAI sends for a request-rate limit: type "requests",
 * code "rate_limit_exceeded" (the fake adds `retry-after`).
 * @see https://platform.openai.com/docs/guides/error-codes#api-errors
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/error (same error object)
 *
 * @example
 * openAIErrorResponse(500).body;
 * // '{"error":{"message":"The server had an error ...","type":"server_error","param":null,"code":null}}'
 */
export function openAIErrorResponse(
  status: number,
  message?: string,
  details: Record<string, unknown> = {},
): FakeErrorResponse {
  // OpenAI error bodies carry no request id (it is in the x-request-id header).
  const preset = OPENAI_ERRORS[status] ?? fallback(status);
  const error = {
    message: message ?? preset.message,
    type: details["type"] ?? preset.type,
    param: details["param"] ?? null,
    code: details["code"] ?? preset.code,
  };
  return { status, body: JSON.stringify({ error }) };
}

interface OpenAIErrorPreset {
  message: string;
  type: string;
  code: string | null;
}

const OPENAI_ERRORS: Record<number, OpenAIErrorPreset> = {
  400: { message: "Invalid request (fake-openai).", type: "invalid_request_error", code: null },
  401: {
    message:
      "Incorrect API key provided: sk-fake***. You can find your API key at https://platform.openai.com/account/api-keys.",
    type: "invalid_request_error",
    code: "invalid_api_key",
  },
  403: { message: "You are not allowed to make this request.", type: "invalid_request_error", code: null },
  404: {
    message: "The model does not exist or you do not have access to it.",
    type: "invalid_request_error",
    code: "model_not_found",
  },
  429: {
    message:
      "Rate limit reached for requests in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
    type: "requests",
    code: "rate_limit_exceeded",
  },
  500: {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    code: null,
  },
  503: {
    message: "The engine is currently overloaded, please try again later.",
    type: "server_error",
    code: null,
  },
};

function fallback(status: number): OpenAIErrorPreset {
  return {
    message: `Fake upstream error ${status}.`,
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
  };
}
