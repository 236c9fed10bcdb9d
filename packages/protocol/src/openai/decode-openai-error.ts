import type { ErrorCode } from "../errors/error-codes.js";
import { GatewayError, type GatewayErrorDetails } from "../errors/gateway-error.js";
import { isJsonObject } from "./create-field-reader.js";
import { type HeaderBag, openAIRetryAfterSeconds } from "./openai-retry-after-seconds.js";

/** The fields of an OpenAI(-compatible) error object, however loosely the server shaped it. */
export interface OpenAIErrorPayload {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
}

const CONTEXT_LENGTH = /context.length|context window|maximum context|too many tokens|prompt is too long/i;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * `{"error":{"message","type","param","code"}}` (OpenAI), `{"error":"..."}` or `{"message":"..."}` (some
 * compatible servers) → the error's fields; anything else → nothing.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function readOpenAIErrorPayload(value: unknown): OpenAIErrorPayload {
  if (!isJsonObject(value)) return {};
  const e = isJsonObject(value.error) ? value.error : value;
  const out: OpenAIErrorPayload = {};
  const message = str(e.message) ?? str(value.error);
  const type = str(e.type);
  const code = typeof e.code === "number" ? String(e.code) : str(e.code);
  const param = str(e.param);
  if (message !== undefined) out.message = message;
  if (type !== undefined) out.type = type;
  if (code !== undefined) out.code = code;
  if (param !== undefined) out.param = param;
  return out;
}

/** Whether an error names a context-window overflow, by code or (for servers without codes) by message. */
export function isContextLengthError(e: OpenAIErrorPayload): boolean {
  return e.code === "context_length_exceeded" || CONTEXT_LENGTH.test(e.message ?? "");
}

function parse(body: string): OpenAIErrorPayload {
  try {
    return readOpenAIErrorPayload(JSON.parse(body));
  } catch {
    return {};
  }
}

/**
 * Content-policy refusals: Azure OpenAI's content filter (400, code content_filter) and OpenAI's
 * content_policy_violation.
 * @see https://learn.microsoft.com/en-us/azure/ai-services/openai/concepts/content-filter
 */
function isContentFilterError(e: OpenAIErrorPayload): boolean {
  return e.code === "content_filter" || e.code === "content_policy_violation" || e.type === "content_filter";
}

function classify(status: number, e: OpenAIErrorPayload): ErrorCode {
  if (status === 400 && isContentFilterError(e)) return "content_filtered";
  if (status === 400) return isContextLengthError(e) ? "context_length_exceeded" : "invalid_request";
  if (status === 404)
    return e.code === "model_not_found" || /model/i.test(e.message ?? "")
      ? "model_not_found"
      : "upstream_error";
  if (status === 408 || status === 504) return "upstream_timeout";
  if (status === 413) return "payload_too_large";
  // insufficient_quota is the provider account's billing, not a passing limit: retrying cannot help.
  if (status === 429)
    return e.code === "insufficient_quota" || e.type === "insufficient_quota"
      ? "upstream_error"
      : "upstream_rate_limited";
  if (status === 503 || status === 529) return "upstream_overloaded";
  if (status >= 400 && status < 500 && status !== 401 && status !== 403) return "invalid_request";
  return "upstream_error";
}

/**
 * An OpenAI(-compatible) upstream's error response → GatewayError, keeping the upstream message and type.
 * 401/403 mean the provider refused the gateway's credentials, never the client's: they become
 * upstream_error (502). A 429 carries the wait from Retry-After or OpenAI's rate-limit headers.
 * @see https://platform.openai.com/docs/guides/error-codes
 *
 * @example
 * throw decodeOpenAIError(res.statusCode, await res.body.text(), res.headers);
 */
export function decodeOpenAIError(
  status: number,
  body: string,
  headers: HeaderBag,
  now = Date.now(),
): GatewayError {
  const e = parse(body);
  const code = classify(status, e);
  const text = e.message ?? (body.trim().slice(0, 1000) || `HTTP ${status}`);
  const details: GatewayErrorDetails = {};
  const upstreamType = e.type ?? e.code;
  if (upstreamType !== undefined) details.upstreamType = upstreamType;
  if (code === "invalid_request" && e.param !== undefined) details.param = e.param;
  if (code === "upstream_rate_limited") {
    const wait = openAIRetryAfterSeconds(headers, now);
    if (wait !== undefined) details.retryAfterSeconds = wait;
  }
  const message =
    status === 401 || status === 403
      ? `The upstream provider refused the gateway's credentials: ${text}`
      : text;
  return new GatewayError(code, message, details);
}
