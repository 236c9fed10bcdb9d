import {
  createResponsesStreamEncoder,
  GatewayError,
  type ResponsesResponse,
  responsesIdBase,
  responsesReplayEvents,
  SseParser,
  writeSse,
} from "@gatehouse/protocol";
import type { StoredResponseOwner } from "../../domain/stored-response.js";
import { answerLocally } from "../local/answer-locally.js";
import type { Operation, ServeContext } from "../operation.js";
import type { ClientResponse } from "../pipeline/client-response.js";
import { newOutcome, type Outcome } from "../pipeline/outcome.js";
import { listInputItems, readInputItemsQuery } from "./list-input-items.js";
import type { OpenedResponse, ResponseArchive } from "./response-archive.js";
import { responsesSurface } from "./responses-surface.js";

/** Our ids are 29 characters; anything much longer is no id of ours (answered without a lookup). */
const MAX_ID = 128;

/** OpenAI's answer for a response id it does not have (or that another key made). */
function notFound(id: string): GatewayError {
  return new GatewayError("not_found", `Response with id '${id}' not found.`);
}

function idOf(params: Record<string, string>): string {
  const id = params.id ?? "";
  if (id === "" || id.length > MAX_ID) throw notFound(id);
  return id;
}

function ownerOf(ctx: ServeContext<unknown>): StoredResponseOwner {
  return { tenantId: ctx.scope.principal.tenantId, apiKeyId: ctx.scope.principal.id };
}

/**
 * An operation on one stored response: no body, no model, no upstream — the key is the whole
 * permission (a response is readable only by the key that made it), and another tenant's or key's id
 * answers 404 exactly like an unknown one.
 */
function storedOperation<Q>(
  decodeQuery: (query: Record<string, unknown>) => Q,
  serve: (ctx: ServeContext<{ id: string; query: Q }>, owner: StoredResponseOwner) => Promise<Outcome>,
): Operation<{ id: string; query: Q }> {
  return {
    name: "stored_responses",
    surface: responsesSurface,
    readsBody: false,
    decode: ({ params, query }) => ({
      model: undefined,
      stream: false,
      gatehouseField: undefined,
      request: { id: idOf(params), query: decodeQuery(query) },
    }),
    serve: (ctx) => serve(ctx, ownerOf(ctx)),
  };
}

async function mustLoad(
  archive: ResponseArchive,
  owner: StoredResponseOwner,
  id: string,
): Promise<OpenedResponse> {
  const stored = await archive.load(owner, id);
  if (stored === undefined) throw notFound(id);
  return stored;
}

/** `?stream=true` (and `starting_after=N`), as OpenAI reads them. */
function readStreamQuery(query: Record<string, unknown>): { stream: boolean; startingAfter: number } {
  const stream = query.stream === "true";
  if (query.stream !== undefined && !stream && query.stream !== "false")
    throw new GatewayError("invalid_request", "Invalid 'stream': must be true or false.", {
      param: "stream",
    });
  const after = query.starting_after;
  if (after === undefined) return { stream, startingAfter: -1 };
  if (typeof after !== "string" || !/^\d{1,9}$/.test(after))
    throw new GatewayError(
      "invalid_request",
      "Invalid 'starting_after': must be an event's sequence_number.",
      {
        param: "starting_after",
      },
    );
  return { stream, startingAfter: Number(after) };
}

/**
 * A stored response as its event stream again (the stream encoder fed the response's own IR events),
 * the events numbered up to `startingAfter` left out.
 */
function replay(
  res: ClientResponse,
  requestId: string,
  response: ResponsesResponse,
  startingAfter: number,
): Outcome {
  const encryptedReasoning = response.output.some((o) => o.type === "reasoning" && "encrypted_content" in o);
  const encoder = createResponsesStreamEncoder({
    model: response.model,
    settings: { echo: response, encryptedReasoning, id: response.id },
  });
  const text = responsesReplayEvents(response)
    .map((ev) => encoder.push(ev))
    .join("");
  const events = new SseParser().push(Buffer.from(text));
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "x-gatehouse-request-id": requestId,
  });
  for (const ev of events) {
    const seq = (JSON.parse(ev.data) as { sequence_number: number }).sequence_number;
    if (seq > startingAfter) res.write(writeSse({ event: ev.event ?? "message", data: ev.data }));
  }
  res.end();
  return newOutcome(200);
}

/** GET /v1/responses/{id}: the stored `response` object, or (`?stream=true`) its events replayed. */
export function getResponseOperation(archive: ResponseArchive) {
  return storedOperation(readStreamQuery, async (ctx, owner) => {
    const { response } = await mustLoad(archive, owner, ctx.request.id);
    const { stream, startingAfter } = ctx.request.query;
    if (stream) return replay(ctx.res, ctx.scope.id, response, startingAfter);
    return answerLocally(ctx.res, ctx.scope.id, response);
  });
}

/** DELETE /v1/responses/{id}: `{"id","object":"response","deleted":true}`; 404 when it is not the key's. */
export function deleteResponseOperation(archive: ResponseArchive) {
  return storedOperation(
    () => undefined,
    async (ctx, owner) => {
      if (!(await archive.remove(owner, ctx.request.id))) throw notFound(ctx.request.id);
      return answerLocally(ctx.res, ctx.scope.id, { id: ctx.request.id, object: "response", deleted: true });
    },
  );
}

/**
 * POST /v1/responses/{id}/cancel: only background responses can be cancelled, and the gateway runs none
 * (`background: true` is refused), so a stored response answers OpenAI's 400 for a synchronous one.
 * @see https://platform.openai.com/docs/api-reference/responses/cancel
 */
export function cancelResponseOperation(archive: ResponseArchive) {
  return storedOperation(
    () => undefined,
    async (ctx, owner) => {
      await mustLoad(archive, owner, ctx.request.id);
      throw new GatewayError(
        "invalid_request",
        "Cannot cancel a synchronous response: only responses created with background set to true can be cancelled.",
      );
    },
  );
}

/** GET /v1/responses/{id}/input_items: the request's own input items, paginated (list-input-items.ts). */
export function inputItemsOperation(archive: ResponseArchive) {
  return storedOperation(readInputItemsQuery, async (ctx, owner) => {
    const stored = await mustLoad(archive, owner, ctx.request.id);
    const own = stored.input.slice(stored.ownInputStart);
    const base = responsesIdBase(stored.response.id.replace(/^resp_/, ""));
    return answerLocally(ctx.res, ctx.scope.id, listInputItems(own, base, ctx.request.query));
  });
}
