import type { ErrorCode } from "../errors/error-codes.js";
import { GatewayError, type GatewayErrorDetails } from "../errors/gateway-error.js";
import { decodeAnthropicErrorType } from "./decode-anthropic-error-type.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { isRecord } from "./wire-validation.js";

/** Anthropic's words for a prompt that does not fit the context window. */
const CONTEXT_LENGTH = /prompt is too long|context limit|context window|context length/i;

/**
 * An upstream Anthropic error response → GatewayError, keeping the upstream message and its
 * `error.type` (details.upstreamType). 400 → invalid_request (context_length_exceeded when the message
 * says the prompt is too long); 401/402/403 → upstream_error (502: the provider's key failed, not the
 * client's); 404 → model_not_found when it names a model, else upstream_error; 413 → payload_too_large;
 * 429 → upstream_rate_limited; 500/502 → upstream_error; 503/529 → upstream_overloaded; 504 →
 * upstream_timeout. Retry-After (or Anthropic's rate-limit reset headers) → details.retryAfterSeconds.
 * @see https://docs.anthropic.com/en/api/errors
 *
 * @example
 * decodeAnthropicError(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {});
 * // GatewayError { code: "upstream_overloaded", message: "Overloaded" }
 */
export function decodeAnthropicError(
  status: number,
  body: string,
  headers: Record<string, string | string[] | undefined>,
  nowMs: number = Date.now(),
): GatewayError {
  const { type, message } = readBody(body);
  const text =
    message ?? (body.trim() === "" ? `Anthropic returned HTTP ${status}` : body.trim().slice(0, 1000));
  const code = codeFor(status, type, text);
  const details: GatewayErrorDetails = {};
  if (type !== undefined) details.upstreamType = type;
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (retryAfter !== undefined) details.retryAfterSeconds = retryAfter;
  return new GatewayError(code, text, details);
}

function codeFor(status: number, type: string | undefined, message: string): ErrorCode {
  switch (status) {
    case 400:
      return CONTEXT_LENGTH.test(message) ? "context_length_exceeded" : "invalid_request";
    case 401:
    case 402:
    case 403:
      return "upstream_error";
    case 404:
      return /model/i.test(message) ? "model_not_found" : "upstream_error";
    case 413:
      return "payload_too_large";
    case 429:
      return "upstream_rate_limited";
    case 500:
    case 502:
      return "upstream_error";
    case 503:
    case 529:
      return "upstream_overloaded";
    case 504:
      return "upstream_timeout";
  }
  if (type !== undefined && type !== "invalid_request_error") {
    const byType = decodeAnthropicErrorType(type);
    if (byType !== "upstream_error") return byType;
  }
  return status >= 400 && status < 500 ? "invalid_request" : "upstream_error";
}

function readBody(body: string): { type?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  const error = isRecord(parsed) && isRecord(parsed["error"]) ? parsed["error"] : undefined;
  if (error === undefined) return {};
  const out: { type?: string; message?: string } = {};
  if (typeof error["type"] === "string") out.type = error["type"];
  if (typeof error["message"] === "string" && error["message"] !== "") out.message = error["message"];
  return out;
}
