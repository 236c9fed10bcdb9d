import type { GatewayError } from "../errors/gateway-error.js";
import type { AnthropicErrorBody } from "./anthropic-wire-types.js";
import { encodeAnthropicErrorType } from "./encode-anthropic-error-type.js";

export interface EncodedAnthropicError {
  status: number;
  body: AnthropicErrorBody;
  headers?: Record<string, string>;
}

/**
 * A GatewayError → the error response a client of the Anthropic API expects:
 * `{"type":"error","error":{"type","message"},"request_id"?}` with Anthropic's status (529 for an
 * overloaded upstream), and `retry-after` (whole seconds) when the error carries a wait.
 * An explicit details.status (upstream passthrough) wins over the mapped status.
 * @see https://docs.anthropic.com/en/api/errors
 *
 * @example
 * encodeAnthropicError(new GatewayError("rate_limited", "Slow down", { retryAfterSeconds: 3 }));
 * // { status: 429, headers: { "retry-after": "3" },
 * //   body: { type: "error", error: { type: "rate_limit_error", message: "Slow down" } } }
 */
export function encodeAnthropicError(err: GatewayError, requestId?: string): EncodedAnthropicError {
  const mapped = encodeAnthropicErrorType(err.code);
  const body: AnthropicErrorBody = { type: "error", error: { type: mapped.type, message: err.message } };
  if (requestId !== undefined) body.request_id = requestId;
  const out: EncodedAnthropicError = { status: err.details.status ?? mapped.status, body };
  const wait = err.details.retryAfterSeconds;
  if (wait !== undefined && Number.isFinite(wait) && wait >= 0)
    out.headers = { "retry-after": String(Math.ceil(wait)) };
  return out;
}
