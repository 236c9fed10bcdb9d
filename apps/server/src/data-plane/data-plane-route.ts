import { GatewayError, toGatewayError } from "@gatehouse/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { completeRequest } from "./complete-request.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { newRequestContext, type RequestContext } from "./request-context.js";
import type { ErrorRenderer } from "./surface-error.js";
import { sendSurfaceError } from "./surface-error.js";

/** A data-plane handler: it writes the answer to `reply.raw` itself. */
export type DataPlaneHandler = (
  ctx: RequestContext,
  req: FastifyRequest,
  reply: FastifyReply,
) => Promise<void>;

/**
 * Wraps a data-plane handler with the steps every surface shares: the request context, raw writing
 * (hijacked, so streams flush chunk by chunk with no framework buffering), errors rendered in the
 * surface's shape (or as its in-stream event once the stream started), and — when the answer really
 * ended — the final usage record and the one log line.
 */
export function dataPlaneRoute(
  rt: GatewayRuntime,
  surface: RequestContext["surface"],
  errors: ErrorRenderer,
  handler: DataPlaneHandler,
): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (req, reply) => {
    reply.hijack();
    req.selfLogged = true;
    const ctx = newRequestContext(rt.newId(), surface, req.method, req.url, rt.now());
    let unexpected: unknown;
    try {
      await handler(ctx, req, reply);
    } catch (err) {
      if (!(err instanceof GatewayError)) unexpected = err;
      sendSurfaceError(ctx, reply.raw, toGatewayError(err), errors);
    } finally {
      completeRequest(rt, ctx, unexpected);
    }
  };
}
