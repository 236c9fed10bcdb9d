import { decodeResponsesRequestWithWarnings } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { GATEHOUSE_BODY_FIELD } from "../../resilience/read-request-overrides.js";
import { readClientBody } from "../client-body.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { countTokensOperation } from "../local/count-tokens-operation.js";
import type { Operation } from "../operation.js";
import { dataPlaneRoute } from "../pipeline/run-pipeline.js";
import { compactOperation } from "./compact-operation.js";
import { prepareTurn } from "./prepare-turn.js";
import type { ResponseArchive } from "./response-archive.js";
import { responsesCreateOperation } from "./responses-create-operation.js";
import { responsesSurface } from "./responses-surface.js";
import {
  cancelResponseOperation,
  deleteResponseOperation,
  getResponseOperation,
  inputItemsOperation,
} from "./stored-response-operations.js";
import { registerResponsesWebSocket } from "./websocket/register-responses-websocket.js";
import { socketLimits } from "./websocket/socket-limits.js";

/**
 * The OpenAI Responses surface: POST /v1/responses (JSON and SSE; `previous_response_id` and stored
 * responses included), POST /v1/responses/input_tokens (a gateway estimate, as Anthropic's and Gemini's
 * token counts), POST /v1/responses/compact (native only: an upstream that offers it), the WebSocket mode
 * of GET /v1/responses, and the stored responses' GET, DELETE, cancel and input_items. Every route authenticates
 * the key first; a stored response is the key's own.
 * @see https://platform.openai.com/docs/api-reference/responses
 */
export function registerResponsesRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const archive = rt.responses;
  const create = responsesCreateOperation(archive, rt.bodyLimit);
  const compact = compactOperation();
  const inputTokens = continuing(
    archive,
    rt.bodyLimit,
    countTokensOperation(responsesSurface, {
      // Counted, never converted: hosted tools and files are counted like the rest.
      decode: (json) => decodeResponsesRequestWithWarnings(json).request,
      encode: (tokens) => ({ object: "response.input_tokens", input_tokens: tokens }),
    }),
  );
  app.post(
    "/v1/responses",
    dataPlaneRoute(rt, responsesSurface, () => create),
  );
  app.post(
    "/v1/responses/input_tokens",
    dataPlaneRoute(rt, responsesSurface, () => inputTokens),
  );
  app.post(
    "/v1/responses/compact",
    dataPlaneRoute(rt, responsesSurface, () => compact),
  );
  registerResponsesWebSocket(app, rt, create, rt.socketLimits ?? socketLimits(rt.bodyLimit));
  if (archive === undefined) return;
  const get = getResponseOperation(archive);
  const remove = deleteResponseOperation(archive);
  const cancel = cancelResponseOperation(archive);
  const items = inputItemsOperation(archive);
  app.get(
    "/v1/responses/:id",
    dataPlaneRoute(rt, responsesSurface, () => get),
  );
  app.delete(
    "/v1/responses/:id",
    dataPlaneRoute(rt, responsesSurface, () => remove),
  );
  app.post(
    "/v1/responses/:id/cancel",
    dataPlaneRoute(rt, responsesSurface, () => cancel),
  );
  app.get(
    "/v1/responses/:id/input_items",
    dataPlaneRoute(rt, responsesSurface, () => items),
  );
}

/** An operation whose body may name a `previous_response_id`: the conversation is rebuilt before it decodes. */
function continuing<R>(
  archive: ResponseArchive | undefined,
  maxBytes: number,
  op: Operation<R>,
): Operation<R> {
  return {
    ...op,
    decode: async (input) => {
      const owner = { tenantId: input.principal.tenantId, apiKeyId: input.principal.id };
      const body = readClientBody(input.body);
      if (body.json.previous_response_id == null) return op.decode(input);
      const turn = await prepareTurn(archive, owner, body, maxBytes);
      const field = turn.body.field === undefined ? {} : { [GATEHOUSE_BODY_FIELD]: turn.body.field };
      return op.decode({ ...input, body: Buffer.from(JSON.stringify({ ...turn.body.json, ...field })) });
    },
  };
}
