import { GatewayError } from "@gatehouse/protocol";

/**
 * An OpenAI-compatible upstream's error answer as a GatewayError. The provider's own 401/403 becomes a
 * 502: the client's gateway key was fine, the provider's credentials were not.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function decodeOpenAIUpstreamError(
  status: number,
  bodyText: string,
  retryAfter: string | undefined,
  provider: string,
): GatewayError {
  let message = `Upstream provider '${provider}' answered HTTP ${status}.`;
  let upstreamType: string | undefined;
  try {
    const e = (JSON.parse(bodyText) as { error?: { message?: unknown; type?: unknown; code?: unknown } })
      .error;
    if (typeof e?.message === "string") message = `${provider}: ${e.message}`;
    if (typeof e?.type === "string") upstreamType = e.type;
    if (typeof e?.code === "string" && e.code === "context_length_exceeded") {
      return new GatewayError("context_length_exceeded", message, { provider, upstreamType });
    }
  } catch {
    // Not JSON: keep the generic message, never the raw body (it may be an HTML error page).
  }
  const details = { provider, upstreamType };
  if (status === 429) {
    const seconds = parseRetryAfter(retryAfter);
    return new GatewayError(
      "upstream_rate_limited",
      message,
      seconds === undefined ? details : { ...details, retryAfterSeconds: seconds },
    );
  }
  if (status === 400 || status === 422) return new GatewayError("invalid_request", message, details);
  if (status === 404) return new GatewayError("model_not_found", message, details);
  if (status === 413) return new GatewayError("payload_too_large", message, details);
  if (status === 503 || status === 529) return new GatewayError("upstream_overloaded", message, details);
  if (status === 504) return new GatewayError("upstream_timeout", message, details);
  return new GatewayError("upstream_error", message, details);
}

/** Retry-After as seconds: a delay in seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
