import type { IncomingHttpHeaders } from "node:http";
import { GatewayError, toGatewayError } from "@gatehouse/protocol";
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
import type { ClientResponse } from "./client-response.js";
import { meter, UsageTicket } from "./meter.js";
import { newOutcome, type Outcome } from "./outcome.js";
import type { RequestHead, RequestScope } from "./request-scope.js";

const EMPTY = Buffer.alloc(0);
const NO_ESTIMATE = Object.freeze({ promptTokens: 0, maxOutputTokens: 0 });

/**
 * One request as a transport hands it to the pipeline: an HTTP request (run-pipeline.ts), or a message
 * of another transport (a WebSocket's `response.create`), which carries the headers of its upgrade.
 */
export interface PipelineRequest {
  readonly ip: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: Record<string, unknown>;
  readonly params: Record<string, string>;
  /** The body, read only once the key is checked (bounded by `rt.bodyLimit`; too large → 413). */
  readBody(): Promise<Buffer>;
  /** An error answered before the body was read: what the transport does with the unread rest. */
  onUnreadBody?(res: ClientResponse): void;
}

/**
 * The data-plane pipeline for one request of one operation, whatever the transport:
 *
 * authenticate (headers only) → read body (bounded) → decode → authorize → admit → serve (route → forward
 * → relay) → meter.
 *
 * The answer goes to `res`. Any error is answered in the surface's shape — as the protocol's in-stream
 * event once an answer started — and the request, however it ends, is metered and logged once.
 */
export async function runOperation(
  rt: GatewayRuntime,
  op: Operation<unknown>,
  head: RequestHead,
  req: PipelineRequest,
  res: ClientResponse,
): Promise<void> {
  let scope: RequestScope | undefined;
  let ticket: UsageTicket | undefined;
  let admission: Admission | undefined;
  let outcome: Outcome;
  let bodyRead = false;
  let requestedModel: string | undefined;
  try {
    // The snapshot the whole request uses, taken as it arrives (a change mid-request never mixes two).
    const catalog = rt.catalog;
    const { query, headers } = req;
    const principal = await authenticate(rt.keys, op.surface.credential(headers, query), req.ip);
    rt.keyUsage.touch(principal.id);
    const body = op.readsBody ? await req.readBody() : EMPTY;
    bodyRead = true;
    const decoded = await op.decode({ body, params: req.params, query, headers, principal });
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
      overrides: readRequestOverrides(headers, decoded.gatehouseField),
      attempts: [],
      capture: captureTap(catalog, principal.tenantId, body, decoded.stream),
    };
    admission = await rt.admission.admit(scope);
    // On every answer from here on, success or error (writeHead merges headers set before it).
    if (admission.headers) for (const [k, v] of Object.entries(admission.headers)) res.setHeader(k, v);
    ticket = new UsageTicket(rt.usage, scope);
    outcome = await op.serve({ rt, scope, request: decoded.request, headers, res, ticket });
  } catch (err) {
    if (!bodyRead && !(err instanceof ClientGone)) req.onUnreadBody?.(res);
    outcome = answerFailure(rt, head, res, err, op.surface, scope?.attempts);
  }
  meter(rt, { head, scope, ticket, admission, outcome, requestedModel });
  // After the answer, like meter; only requests with a usage record (the log's detail shows it there).
  if (scope?.capture !== undefined && ticket?.begun) {
    const { principal } = scope;
    const owner = {
      id: head.id,
      tenantId: principal.tenantId,
      workspaceId: principal.workspaceId,
      createdAt: head.startedAt,
    };
    void rt.captures?.write(owner, scope.capture);
  }
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

/**
 * Answers a request that failed in the surface's error shape (nothing more for a client already gone),
 * and returns the outcome to meter.
 */
export function answerFailure(
  rt: GatewayRuntime,
  head: RequestHead,
  res: ClientResponse,
  err: unknown,
  surface: Surface,
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
  return sendSurfaceError(head.id, res, toGatewayError(err), surface.errors, undefined, attempts);
}
