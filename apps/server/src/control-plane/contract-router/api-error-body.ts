import type { ApiError } from "@gatehouse/contracts";
import type { GatewayError } from "@gatehouse/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";

/** One validation failure: where (`body.name`, `query.limit`, `params.tenantId`) and what. */
export interface ApiIssue {
  path: string;
  message: string;
}

/**
 * The body every `/api/` error answers with: the stable code, a message for people, the request id to
 * quote in a support request, and, for validation failures, the issues. An error relaying another
 * request's refusal (a chat answer's data-plane request) quotes that request's id: the one its usage and
 * request logs hold; the answer's `x-gatehouse-request-id` header stays this request's own.
 *
 * @example
 * apiErrorBody(new GatewayError("not_found", "No such key."), "req_1");
 * // { error: { code: "not_found", message: "No such key.", requestId: "req_1" } }
 */
export function apiErrorBody(err: GatewayError, requestId: string, issues?: readonly ApiIssue[]): ApiError {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(issues === undefined ? {} : { issues: [...issues] }),
      requestId: err.details.requestId ?? requestId,
    },
  };
}

/** Sends an `/api/` error answer (with the headers create-app's sendError sets on every error). */
export function sendApiError(
  req: FastifyRequest,
  reply: FastifyReply,
  err: GatewayError,
  issues?: readonly ApiIssue[],
): FastifyReply {
  if (err.details.retryAfterSeconds !== undefined) {
    reply.header("retry-after", String(err.details.retryAfterSeconds));
  }
  reply.header("x-gatehouse-request-id", req.id);
  return reply.code(err.status).send(apiErrorBody(err, req.id, issues));
}
