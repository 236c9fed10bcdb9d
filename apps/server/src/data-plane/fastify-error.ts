import { GatewayError } from "@gatehouse/protocol";

/**
 * Errors Fastify raises before a handler runs (body too large, bad content length, unparsable body,
 * method or route not found) in the catalogue. Anything unrecognised stays an internal error.
 */
export function fastifyErrorToGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return new GatewayError("payload_too_large", "The request body exceeds the size limit.");
  }
  if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return new GatewayError("unsupported_media_type");
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 404) return new GatewayError("not_found", e.message);
    if (e.statusCode === 413) return new GatewayError("payload_too_large", e.message);
    return new GatewayError("invalid_request", e.message ?? "Bad request.", { status: e.statusCode });
  }
  return new GatewayError("internal_error", undefined, {}, { cause: err });
}
