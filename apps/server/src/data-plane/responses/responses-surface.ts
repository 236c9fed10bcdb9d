import {
  createFieldReader,
  createResponsesStreamEncoder,
  decodeResponsesRequestWithWarnings,
  decodeResponsesUsage,
  encodeOpenAIError,
  encodeResponsesResponse,
  type GatewayError,
  type ResponsesSettings,
  responsesSettingsOf,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import type { ChatRequest } from "../chat/chat-request.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import { usageFrom } from "../chat/passthrough-helpers.js";
import { withFields } from "../client-body.js";
import { ResponsesStreamPipe } from "./responses-stream-pipe.js";
import { storedAnswerOf, storingTurn } from "./stored-answer-of.js";

/**
 * The settings an answer echoes, read again from the client's body (already checked when it was
 * decoded), with the gateway's response id and the previous response it continued.
 */
function settingsOf(request: ChatRequest): ResponsesSettings {
  const settings = responsesSettingsOf(request.body.json, createFieldReader("invalid_request"));
  const { turn } = request;
  if (turn === undefined) return settings;
  return { ...settings, id: turn.id, echo: { ...settings.echo, previous_response_id: turn.previousId } };
}

/** The body a Responses-speaking upstream gets: the client's bytes unless something must change. */
function passthroughBodyOf(request: ChatRequest, upstreamModel: string): Buffer | string {
  const changes: Record<string, unknown> = {};
  if (request.ir.model !== upstreamModel) changes.model = upstreamModel;
  // A rebuilt conversation: the gateway keeps the state, the upstream need not.
  if (request.turn?.previousId) changes.store = false;
  return withFields(request.body, Object.keys(changes).length === 0 ? undefined : changes);
}

/**
 * The Responses API's `error` event, for failures the stream encoder does not see (the gateway's own,
 * after the answer started). Its sequence_number is unknown here: the stream's encoder numbers the events
 * it writes, and a failure it sees itself becomes `response.failed` instead.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/error
 */
function errorEvent(err: GatewayError): string {
  const { error } = encodeOpenAIError(err).body;
  return writeSse({
    event: "error",
    data: JSON.stringify({ type: "error", code: error.code, message: error.message, param: error.param }),
  });
}

/**
 * The OpenAI Responses surface (POST /v1/responses): OpenAI's error shape and key styles, answers as
 * `response` objects, streams as typed Responses events. A provider that speaks the Responses API (an
 * `openai` provider whose config sets `responsesApi: true`) gets the client's bytes, the model renamed;
 * every other upstream gets the request converted through the IR (OpenAI's Chat Completions too).
 * @see https://platform.openai.com/docs/api-reference/responses
 */
export const responsesSurface: ChatSurface = {
  name: "responses",
  protocol: "openai-responses",
  errors: {
    body: (err) => encodeOpenAIError(err).body,
    streamEvent: errorEvent,
  },
  credential: (headers) => presentedKey(headers),
  decodeChat: (json) => {
    const { request, warnings, unmodeled } = decodeResponsesRequestWithWarnings(json);
    return { ir: request, warnings, unmodeled };
  },
  maxTokensParam: () => "max_output_tokens",
  encodeResponse: (ir, model, request) => {
    const response = encodeResponsesResponse(ir, model, settingsOf(request));
    request.turn?.onFinal?.(response);
    return response;
  },
  createStreamEncoder: (_ir, model, request) => {
    const onFinal = request.turn?.onFinal;
    return createResponsesStreamEncoder({
      model,
      settings: settingsOf(request),
      ...(onFinal && { onFinal }),
    });
  },
  // What a Responses-speaking upstream gets: the client's bytes, the model renamed if it must be.
  passthroughHeaders: [],
  passthroughBody: passthroughBodyOf,
  readUsage: usageFrom("usage", decodeResponsesUsage),
  nativeRequest: (adapter, target) => {
    const request = adapter.responsesRequest;
    if (request === undefined || target.config.responsesApi !== true) return undefined;
    return (body) => request(body, target);
  },
  passthroughPipe: (_adapter, request, exchange) =>
    new ResponsesStreamPipe(exchange.served.candidate.target.name, storingTurn(request.turn)),
  passthroughAnswer: (request, _bytes, json) => {
    const turn = storingTurn(request.turn);
    const response = turn && storedAnswerOf(turn, json);
    if (turn === undefined || response === undefined) return undefined;
    turn.onFinal(response);
    return JSON.stringify(response);
  },
};
