import type { GatewayError } from "@gatehouse/protocol";
import type { Attempt } from "./pipeline/attempt.js";
import type { ClientResponse } from "./pipeline/client-response.js";
import { newOutcome, type Outcome, type Served } from "./pipeline/outcome.js";

/** How one client protocol renders an error: as a whole response, and as an in-stream event. */
export interface ErrorRenderer {
  body(err: GatewayError): unknown;
  /** The HTTP status this protocol answers the error with, when it differs from the catalogue's (Anthropic's 529). */
  status?(err: GatewayError): number;
  /** The protocol's own in-stream error event (SSE text); the stream then ends without its success marker. */
  streamEvent(err: GatewayError): string;
}

/** Errors after which a started answer is incomplete, rather than complete with an error in it. */
const CUTTING: ReadonlySet<string> = new Set([
  "stream_interrupted",
  "upstream_timeout",
  "upstream_unreachable",
]);

/**
 * Sends an error in the caller's protocol and returns the outcome to meter: a JSON response when nothing
 * was sent yet (with `retry-after` when the error has one, and the error's own headers), otherwise the protocol's in-stream error
 * event followed by the end of the stream (never a success marker). With `attempts`, the answer says how many upstream
 * attempts were made and which deployment answered last (x-gatehouse-attempts, -provider, -deployment).
 */
export function sendSurfaceError(
  requestId: string,
  res: ClientResponse,
  err: GatewayError,
  render: ErrorRenderer,
  served: Served | undefined,
  attempts?: readonly Attempt[],
): Outcome {
  const status = render.status?.(err) ?? err.status;
  const out = newOutcome(res.headersSent ? res.statusCode : status, served);
  out.errorCode = err.code;
  out.errorMessage = err.message;
  if (res.destroyed || res.writableEnded) return out;
  if (res.headersSent) {
    if (CUTTING.has(err.code)) out.interrupted = true;
    res.end(render.streamEvent(err));
    return out;
  }
  const headers: Record<string, string> = {
    ...err.details.headers,
    "content-type": "application/json",
    "x-gatehouse-request-id": requestId,
  };
  if (err.details.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(err.details.retryAfterSeconds);
  const last = attempts?.[attempts.length - 1];
  if (last !== undefined) {
    headers["x-gatehouse-provider"] = last.provider;
    headers["x-gatehouse-deployment"] = last.deployment;
    headers["x-gatehouse-attempts"] = String(attempts!.length);
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify(render.body(err)));
  return out;
}
