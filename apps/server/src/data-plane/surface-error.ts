import type { ServerResponse } from "node:http";
import type { GatewayError } from "@gatehouse/protocol";
import type { RequestContext } from "./request-context.js";

/** How one client protocol renders an error: as a whole response, and as an in-stream event. */
export interface ErrorRenderer {
  body(err: GatewayError): unknown;
  /** The protocol's own in-stream error event (SSE text); the stream then ends without its success marker. */
  streamEvent(err: GatewayError): string;
}

/**
 * Sends an error in the caller's protocol: a JSON response when nothing was sent yet, otherwise the
 * protocol's in-stream error event followed by the end of the stream (never a success marker).
 */
export function sendSurfaceError(
  ctx: RequestContext,
  res: ServerResponse,
  err: GatewayError,
  render: ErrorRenderer,
): void {
  if (!ctx.interrupted) {
    ctx.status = res.headersSent ? ctx.status : err.status;
    ctx.errorCode = err.code;
    ctx.errorMessage = err.message;
  }
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    if (
      err.code === "stream_interrupted" ||
      err.code === "upstream_timeout" ||
      err.code === "upstream_unreachable"
    ) {
      ctx.interrupted = true;
    }
    res.end(render.streamEvent(err));
    return;
  }
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-gatehouse-request-id": ctx.id,
  };
  if (err.details.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(err.details.retryAfterSeconds);
  res.writeHead(err.status, headers);
  res.end(JSON.stringify(render.body(err)));
}
