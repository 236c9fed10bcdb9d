import type { FastifyReply, FastifyRequest } from "fastify";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { Operation, Surface } from "../operation.js";
import { lingerUnreadBody } from "./linger-unread-body.js";
import { meter } from "./meter.js";
import { readBody } from "./read-body.js";
import type { OperationName, RequestHead } from "./request-scope.js";
import { answerFailure, type PipelineRequest, runOperation } from "./run-operation.js";

/**
 * A Fastify handler running the data-plane pipeline (run-operation.ts) for the operation `pick` chooses
 * (one path may serve several operations, as Gemini's `/v1beta/models/{model}:{method}` does, or several
 * surfaces, as `/v1/models` does); `surface` answers the errors of `pick` itself (an unknown Gemini method).
 *
 * The answer is written to the raw response (hijacked, so streams flush chunk by chunk with no framework
 * buffering); an error answered before the body was read lingers on the unread body (lingerUnreadBody).
 */
export function dataPlaneRoute(
  rt: GatewayRuntime,
  surface: Surface,
  pick: (req: FastifyRequest) => Operation<unknown>,
): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (req, reply) => {
    reply.hijack();
    req.selfLogged = true;
    const res = reply.raw;
    const id = rt.newId();
    const startedAt = rt.now();
    let op: Operation<unknown>;
    try {
      op = pick(req);
    } catch (err) {
      const head = headOf(id, surface, "chat", req, startedAt);
      lingerUnreadBody(req.raw, res);
      return meter(rt, {
        head,
        scope: undefined,
        ticket: undefined,
        admission: undefined,
        outcome: answerFailure(rt, head, res, err, surface),
      });
    }
    const head = headOf(id, op.surface, op.name, req, startedAt);
    const request: PipelineRequest = {
      ip: req.ip,
      headers: req.headers,
      query: (req.query ?? {}) as Record<string, unknown>,
      params: (req.params ?? {}) as Record<string, string>,
      readBody: () => readBody(req.raw, rt.bodyLimit),
      onUnreadBody: () => lingerUnreadBody(req.raw, res),
    };
    await runOperation(rt, op, head, request, res);
  };
}

function headOf(
  id: string,
  surface: Surface,
  operation: OperationName,
  req: FastifyRequest,
  startedAt: number,
): RequestHead {
  return { id, surface: surface.name, operation, method: req.method, url: req.url, startedAt };
}
