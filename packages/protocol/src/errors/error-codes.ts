/**
 * The one catalogue of Gatehouse error codes. Every failure the gateway reports carries one of these;
 * each surface maps a code to its own HTTP status and error shape at the edge (see encode-*-error.ts).
 * Users match on `code`, never on message text.
 */
export const ERROR_CODES = {
  invalid_request: { status: 400, title: "The request is malformed or has an invalid parameter." },
  invalid_json: { status: 400, title: "The request body is not valid JSON." },
  unsupported_parameter: { status: 400, title: "A parameter is not supported by the routed model." },
  context_length_exceeded: { status: 400, title: "The request exceeds the model's context window." },
  content_filtered: { status: 400, title: "The request or response was blocked by a content policy." },
  missing_api_key: { status: 401, title: "No API key was provided." },
  invalid_api_key: { status: 401, title: "The API key is malformed or unknown." },
  revoked_api_key: { status: 401, title: "The API key has been revoked." },
  expired_api_key: { status: 401, title: "The API key has expired." },
  unauthenticated: { status: 401, title: "Sign in, or present a valid access token." },
  invalid_credentials: { status: 401, title: "The email or password is wrong." },
  invalid_token: { status: 400, title: "The token is invalid, expired or already used." },
  permission_denied: { status: 403, title: "The key is not allowed to perform this request." },
  model_not_in_plan: { status: 403, title: "The model is not included in the tenant's plan." },
  model_not_priced: { status: 403, title: "The model has no price, and unpriced models are refused." },
  previous_response_not_found: {
    status: 400,
    title: "The previous response does not exist, was not stored, or belongs to another key.",
  },
  not_found: { status: 404, title: "The resource does not exist." },
  model_not_found: { status: 404, title: "The model does not exist or is not available to this key." },
  method_not_allowed: { status: 405, title: "The method is not allowed on this path." },
  conflict: { status: 409, title: "The resource conflicts with an existing one." },
  budget_exceeded: { status: 402, title: "The spend budget of this period is exhausted." },
  insufficient_credits: { status: 402, title: "The prepaid credit balance is too low for this request." },
  payload_too_large: { status: 413, title: "The request body exceeds the size limit." },
  unsupported_media_type: { status: 415, title: "The request content type is not supported." },
  rate_limited: { status: 429, title: "Too many requests." },
  quota_exceeded: { status: 429, title: "The token quota of this period is used up." },
  upstream_rate_limited: { status: 429, title: "The upstream provider is rate limiting requests." },
  upstream_error: { status: 502, title: "The upstream provider returned an error." },
  upstream_unreachable: { status: 502, title: "The upstream provider could not be reached." },
  upstream_overloaded: { status: 503, title: "The upstream provider is overloaded." },
  service_unavailable: { status: 503, title: "The service is not ready or is shutting down." },
  upstream_timeout: { status: 504, title: "The upstream provider did not answer in time." },
  stream_interrupted: { status: 502, title: "The upstream stream ended before it was complete." },
  internal_error: { status: 500, title: "An unexpected error occurred in the gateway." },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether a string is a code of the catalogue. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}
