import type { FakeErrorResponse } from "./fake-context.js";

/**
 * Google's error body `{"error":{"code","message","status"}}` (plus `details` when Google sends some),
 * with the canonical status name Google uses for each HTTP status. A 429 carries a RetryInfo detail
 * (`retryDelay`), which is how Gemini says when to retry (it sends no retry-after header).
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#http_mapping
 *
 * @example
 * JSON.parse(geminiErrorResponse(429, undefined, {}, 2).body).error.status; // "RESOURCE_EXHAUSTED"
 */
export function geminiErrorResponse(
  status: number,
  message: string | undefined,
  details: Record<string, unknown>,
  retryAfterSeconds: number,
): FakeErrorResponse {
  const preset = GEMINI_ERRORS[status] ?? {
    status: status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT",
    message: "Error",
  };
  const error: Record<string, unknown> = {
    code: status,
    message: message ?? preset.message,
    status: preset.status,
  };
  if (details["details"] !== undefined) error["details"] = details["details"];
  else if (status === 429) {
    error["details"] = [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` },
    ];
  }
  return { status, body: JSON.stringify({ error }) };
}

const GEMINI_ERRORS: Record<number, { status: string; message: string }> = {
  400: { status: "INVALID_ARGUMENT", message: "Request contains an invalid argument." },
  401: {
    status: "UNAUTHENTICATED",
    message:
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
  },
  403: { status: "PERMISSION_DENIED", message: "The caller does not have permission" },
  404: { status: "NOT_FOUND", message: "Requested entity was not found." },
  429: { status: "RESOURCE_EXHAUSTED", message: "Resource has been exhausted (e.g. check quota)." },
  500: {
    status: "INTERNAL",
    message:
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  },
  503: { status: "UNAVAILABLE", message: "The model is overloaded. Please try again later." },
  529: { status: "UNAVAILABLE", message: "The model is overloaded. Please try again later." },
};

/** The ErrorInfo detail Gemini sends with a rejected API key. */
export const GEMINI_API_KEY_INVALID_DETAILS = [
  {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason: "API_KEY_INVALID",
    domain: "googleapis.com",
    metadata: { service: "generativelanguage.googleapis.com" },
  },
];

/**
 * Gemini's in-stream error: the error body as one more stream element — an SSE data line with
 * `alt=sse` (the @google/genai SDK raises it), else the last element of the JSON array.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function encodeGeminiStreamError(sse: boolean): string {
  const body = JSON.stringify({
    error: { code: 500, message: "An internal error has occurred.", status: "INTERNAL" },
  });
  return sse ? `data: ${body}\r\n\r\n` : `,\r\n${body}]`;
}
