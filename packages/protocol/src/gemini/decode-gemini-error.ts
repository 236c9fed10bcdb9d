import type { ErrorCode } from "../errors/error-codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import { isJsonObject, type JsonObject } from "./gemini-field-reader.js";

type Headers = Record<string, string | string[] | undefined>;

const CONTEXT_PATTERN =
  /input token count|exceeds the maximum number of tokens|context (window|length)|too many tokens/i;
const KEY_PATTERN = /API key (not valid|expired|invalid)|API_KEY_INVALID/i;

function header(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** The `error` object of Google's envelope; streaming endpoints without `alt=sse` wrap it in an array. */
function errorObject(body: string): JsonObject | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const envelope = Array.isArray(parsed) ? parsed[0] : parsed;
  return isJsonObject(envelope) && isJsonObject(envelope.error) ? envelope.error : undefined;
}

function details(error: JsonObject | undefined, type: string): JsonObject | undefined {
  const list = Array.isArray(error?.details) ? error.details : [];
  return list.find(
    (d): d is JsonObject => isJsonObject(d) && d["@type"] === `type.googleapis.com/google.rpc.${type}`,
  );
}

/** Seconds to wait: the Retry-After header (seconds or an HTTP date), else RetryInfo's `retryDelay` ("37s"). */
function retryAfter(headers: Headers, error: JsonObject | undefined, now: number): number | undefined {
  const raw = header(headers, "retry-after");
  if (raw !== undefined && /^\d+(\.\d+)?$/.test(raw.trim())) return Math.ceil(Number(raw));
  const date = raw === undefined ? Number.NaN : Date.parse(raw);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  const delay = details(error, "RetryInfo")?.retryDelay;
  const match = typeof delay === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
  return match ? Math.ceil(Number(match[1])) : undefined;
}

function classify(
  status: number,
  rpc: string | undefined,
  reason: string | undefined,
  message: string,
): ErrorCode {
  if (status === 400) {
    // A bad or expired provider key, or a provider account problem (FAILED_PRECONDITION: billing,
    // region), is Gatehouse's configuration, not the client's request.
    if (reason === "API_KEY_INVALID" || KEY_PATTERN.test(message) || rpc === "FAILED_PRECONDITION") {
      return "upstream_error";
    }
    return CONTEXT_PATTERN.test(message) ? "context_length_exceeded" : "invalid_request";
  }
  if (status === 401 || status === 403) return "upstream_error";
  if (status === 404) return /model/i.test(message) ? "model_not_found" : "upstream_error";
  if (status === 408 || status === 504) return "upstream_timeout";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "upstream_rate_limited";
  if (status === 503 || status === 529) return "upstream_overloaded";
  return status >= 400 && status < 500 && status !== 499 ? "invalid_request" : "upstream_error";
}

/**
 * A Gemini error response → a GatewayError of the catalogue, keeping Google's message and its
 * google.rpc status name (`details.upstreamType`). The provider's own auth failures become
 * `upstream_error` (502): the client's gateway key was fine. Retry delays come from Retry-After or from a
 * google.rpc.RetryInfo detail.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#error_details
 *
 * @example
 * decodeGeminiError(429, '{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}}', {});
 * // GatewayError upstream_rate_limited
 */
export function decodeGeminiError(
  status: number,
  body: string,
  headers: Headers,
  now: number = Date.now(),
): GatewayError {
  const error = errorObject(body);
  const rpc = typeof error?.status === "string" ? error.status : undefined;
  const reason = details(error, "ErrorInfo")?.reason;
  const fallback = body.trim() === "" ? `Gemini returned HTTP ${status}` : body.trim().slice(0, 500);
  const message = typeof error?.message === "string" && error.message !== "" ? error.message : fallback;
  const code = classify(status, rpc, typeof reason === "string" ? reason : undefined, message);
  const err = new GatewayError(code, message, { provider: "gemini" });
  if (rpc !== undefined) err.details.upstreamType = rpc;
  if (code === "upstream_rate_limited" || code === "upstream_overloaded") {
    const seconds = retryAfter(headers, error, now);
    if (seconds !== undefined) err.details.retryAfterSeconds = seconds;
  }
  return err;
}
