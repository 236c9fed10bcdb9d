import { GatewayError, toGatewayError } from "@gatehouse/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CaptureTap } from "../../capture/capture-tap.js";
import { readRequestOverrides } from "../../resilience/read-request-overrides.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { Operation, Surface } from "../operation.js";
import { sendSurfaceError } from "../surface-error.js";
import type { Admission } from "./admission.js";
import type { Attempt } from "./attempt.js";
import { authenticate } from "./authenticate.js";
import { authorize } from "./authorize.js";
import { CLIENT_CLOSED_STATUS, ClientGone } from "./client-gone.js";
import { lingerUnreadBody } from "./linger-unread-body.js";
import { meter, UsageTicket } from "./meter.js";
import { newOutcome, type Outcome } from "./outcome.js";
import { readBody } from "./read-body.js";
import type { OperationName, RequestHead, RequestScope } from "./request-scope.js";

const EMPTY = Buffer.alloc(0);
const NO_ESTIMATE = Object.freeze({ promptTokens: 0, maxOutputTokens: 0 });

/**
 * A Fastify handler running the data-plane pipeline for the operation `pick` chooses (one path may serve
 * several operations, as Gemini's `/v1beta/models/{model}:{method}` does, or several surfaces, as
 * `/v1/models` does); `surface` answers the errors of `pick` itself (an unknown Gemini method):
 *
 * authenticate (headers only) → read body (bounded) → decode → authorize → admit → serve (route → forward
 * → relay) → meter.
 *
 * The answer is written to the raw response (hijacked, so streams flush chunk by chunk with no framework
 * buffering). Any error is answered in the surface's shape — as the protocol's in-stream event once an
 * answer started — and every request, however it ends, is metered and logged once.
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
      return meter(rt, {
        head,
        scope: undefined,
        ticket: undefined,
        admission: undefined,
        outcome: failed(rt, head, req.raw, res, err, surface, true),
      });
    }
    const head = headOf(id, op.surface, op.name, req, startedAt);
    let scope: RequestScope | undefined;
    let ticket: UsageTicket | undefined;
    let admission: Admission | undefined;
    let outcome: Outcome;
    let bodyRead = false;
    let requestedModel: string | undefined;
    try {
      // The snapshot the whole request uses, taken as it arrives (a change mid-request never mixes two).
      const catalog = rt.catalog;
      const query = (req.query ?? {}) as Record<string, unknown>;
      const principal = await authenticate(rt.keys, op.surface.credential(req.headers, query), req.ip);
      rt.keyUsage.touch(principal.id);
      const body = op.readsBody ? await readBody(req.raw, rt.bodyLimit) : EMPTY;
      bodyRead = true;
      const params = (req.params ?? {}) as Record<string, string>;
      const decoded = await op.decode({ body, params, query, headers: req.headers, principal });
      requestedModel = decoded.model;
      const route = decoded.model === undefined ? undefined : authorize(catalog, principal, decoded.model);
      scope = {
        ...head,
        principal,
        catalog,
        requestedModel: decoded.model,
        route,
        stream: decoded.stream,
        estimate: decoded.estimate ?? NO_ESTIMATE,
        ...(decoded.promptText && { promptText: decoded.promptText }),
        overrides: readRequestOverrides(req.headers, decoded.gatehouseField),
        attempts: [],
        capture: captureTap(catalog, principal.tenantId, body, decoded.stream),
      };
      admission = await rt.admission.admit(scope);
      // On every answer from here on, success or error (writeHead merges headers set before it).
      if (admission.headers) for (const [k, v] of Object.entries(admission.headers)) res.setHeader(k, v);
      ticket = new UsageTicket(rt.usage, scope);
      outcome = await op.serve({ rt, scope, request: decoded.request, headers: req.headers, res, ticket });
    } catch (err) {
      outcome = failed(rt, head, req.raw, res, err, op.surface, !bodyRead, scope?.attempts);
    }
    meter(rt, { head, scope, ticket, admission, outcome, requestedModel });
    // After the answer, like meter; only requests with a usage record (the log's detail shows it there).
    if (scope?.capture !== undefined && ticket?.begun) {
      const { principal } = scope;
      const owner = {
        id,
        tenantId: principal.tenantId,
        workspaceId: principal.workspaceId,
        createdAt: startedAt,
      };
      void rt.captures?.write(owner, scope.capture);
    }
  };
}

/** The capture of a request whose tenant turned it on; with it off, one boolean check and nothing else. */
function captureTap(
  catalog: GatewayRuntime["catalog"],
  tenantId: string,
  body: Buffer,
  stream: boolean,
): CaptureTap | undefined {
  const settings = catalog.captureOf(tenantId);
  return settings.enabled ? new CaptureTap(body, settings.maxBytes, stream) : undefined;
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

function failed(
  rt: GatewayRuntime,
  head: RequestHead,
  req: FastifyRequest["raw"],
  res: FastifyReply["raw"],
  err: unknown,
  surface: Surface,
  bodyUnread: boolean,
  attempts?: readonly Attempt[],
): Outcome {
  if (err instanceof ClientGone) {
    const out = newOutcome(CLIENT_CLOSED_STATUS);
    out.errorCode = "client_closed";
    out.interrupted = true;
    res.destroy();
    return out;
  }
  if (!(err instanceof GatewayError))
    rt.logger.error({ reqId: head.id, err }, "unexpected error while serving a request");
  if (bodyUnread) lingerUnreadBody(req, res);
  return sendSurfaceError(head.id, res, toGatewayError(err), surface.errors, undefined, attempts);
}
