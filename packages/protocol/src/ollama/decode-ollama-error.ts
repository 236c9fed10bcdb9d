import type { ErrorCode } from "../errors/error-codes.js";
import { GatewayError, type GatewayErrorDetails } from "../errors/gateway-error.js";
import { isJsonObject } from "../openai/create-field-reader.js";
import { type HeaderBag, openAIRetryAfterSeconds } from "../openai/openai-retry-after-seconds.js";

const CONTEXT_LENGTH = /context length|context window|exceeds.*context|too many tokens/i;

/**
 * An Ollama failure → a catalogue code, by HTTP status when there is one (an in-stream error has none).
 * Ollama answers 404 "model 'x' not found" for a missing model and 503 when its queue is full.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
export function ollamaErrorCode(status: number | undefined, message: string): ErrorCode {
  if (status === undefined)
    return CONTEXT_LENGTH.test(message) ? "context_length_exceeded" : "upstream_error";
  if (status === 400) return CONTEXT_LENGTH.test(message) ? "context_length_exceeded" : "invalid_request";
  if (status === 404) return /model/i.test(message) ? "model_not_found" : "upstream_error";
  if (status === 408 || status === 504) return "upstream_timeout";
  if (status === 413) return "payload_too_large";
  if (status === 429) return "upstream_rate_limited";
  if (status === 503 || status === 529) return "upstream_overloaded";
  if (status >= 400 && status < 500 && status !== 401 && status !== 403) return "invalid_request";
  return "upstream_error";
}

function messageOf(body: string, status: number): string {
  try {
    const value: unknown = JSON.parse(body);
    if (isJsonObject(value) && typeof value.error === "string" && value.error !== "") return value.error;
  } catch {
    // not JSON: a proxy's page, kept as text below
  }
  return body.trim().slice(0, 1000) || `HTTP ${status}`;
}

/**
 * An Ollama error response (`{"error": "..."}`) → GatewayError, keeping Ollama's message. 401/403 (a
 * protected or cloud Ollama refusing the gateway's key) become upstream_error (502), never the client's 401.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 *
 * @example
 * throw decodeOllamaError(404, '{"error":"model \'llama9\' not found"}', {});
 */
export function decodeOllamaError(
  status: number,
  body: string,
  headers: HeaderBag,
  now = Date.now(),
): GatewayError {
  const text = messageOf(body, status);
  const code = ollamaErrorCode(status, text);
  const details: GatewayErrorDetails = { provider: "ollama" };
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
