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

/** The settings an answer echoes, read again from the client's body (already checked when it was decoded). */
function settingsOf(request: ChatRequest): ResponsesSettings {
  return responsesSettingsOf(request.body.json, createFieldReader("invalid_request"));
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
  encodeResponse: (ir, model, request) => encodeResponsesResponse(ir, model, settingsOf(request)),
  createStreamEncoder: (_ir, model, request) =>
    createResponsesStreamEncoder({ model, settings: settingsOf(request) }),
  // What a Responses-speaking upstream gets: the client's bytes, the model renamed if it must be.
  passthroughHeaders: [],
  passthroughBody: (request, upstreamModel) =>
    withFields(request.body, request.ir.model === upstreamModel ? undefined : { model: upstreamModel }),
  readUsage: usageFrom("usage", decodeResponsesUsage),
  nativeRequest: (adapter, target) => {
    const request = adapter.responsesRequest;
    if (request === undefined || target.config.responsesApi !== true) return undefined;
    return (body) => request(body, target);
  },
  passthroughPipe: (_adapter, _request, exchange) =>
    new ResponsesStreamPipe(exchange.served.candidate.target.name),
};
