/**
 * The google.rpc.Code name Google's APIs pair with an HTTP status in their error bodies
 * (`"status": "INVALID_ARGUMENT"`), as Google's HTTP ↔ gRPC mapping defines it.
 * @see https://cloud.google.com/apis/design/errors#handling_errors
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 *
 * @example
 * geminiRpcStatus(429); // "RESOURCE_EXHAUSTED"
 */
export function geminiRpcStatus(httpStatus: number): string {
  switch (httpStatus) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ALREADY_EXISTS";
    // 402 is ours (an exhausted budget or credit balance); Google names exhausted quotas this way.
    case 402:
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 499:
      return "CANCELLED";
    case 501:
      return "UNIMPLEMENTED";
    case 502:
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return httpStatus >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
  }
}
