import type { GatewayError } from "../errors/gateway-error.js";
import { geminiRpcStatus } from "./gemini-rpc-status.js";
import type { GeminiErrorBody } from "./gemini-wire-types.js";

/**
 * A GatewayError → Google's error envelope `{"error":{"code","message","status"}}` with the code's HTTP
 * status. A retry delay goes both in a Retry-After header and as a google.rpc.RetryInfo detail, which
 * Google's SDKs read.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#error_details
 *
 * @example
 * encodeGeminiError(new GatewayError("model_not_found", "No such model"));
 * // { status: 404, body: { error: { code: 404, message: "No such model", status: "NOT_FOUND" } } }
 */
export function encodeGeminiError(err: GatewayError): {
  status: number;
  body: GeminiErrorBody;
  headers?: Record<string, string>;
} {
  const status = err.status;
  const body: GeminiErrorBody = {
    error: { code: status, message: err.message, status: geminiRpcStatus(status) },
  };
  const retry = err.details.retryAfterSeconds;
  if (retry === undefined) return { status, body };
  const seconds = Math.max(0, Math.ceil(retry));
  body.error.details = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` }];
  return { status, body, headers: { "retry-after": String(seconds) } };
}
