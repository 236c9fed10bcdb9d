import { GatewayError, parseJsonObject } from "@gatehouse/protocol";

/** A `response.create` message: the body of a POST /v1/responses, and the WebSocket-only settings. */
export interface ResponseCreate {
  /** The request body without `type`, `generate` and `previous_response_id` (handled by the socket). */
  body: Record<string, unknown>;
  /** False: a warm-up, answered without calling the model. */
  generate: boolean;
  previousResponseId: string | undefined;
}

/**
 * Reads one client message of the Responses API's WebSocket mode. The only client event is
 * `response.create`, whose fields are the same top-level fields as POST /v1/responses; `stream` is
 * implicit (accepted and ignored), `background` is not supported over a WebSocket, `generate: false`
 * asks for a warm-up. Anything else — a binary frame, text that is not JSON, a value that is not an
 * object (or one nested too deeply), another `type` — throws a 400-class GatewayError naming what is wrong.
 * @see https://platform.openai.com/docs/api-reference/responses/websocket-events
 * @see https://platform.openai.com/docs/guides/websocket-mode
 * @example
 * parseSocketMessage('{"type":"response.create","model":"m","input":"Hi"}', false);
 * // → { body: { model: "m", input: "Hi" }, generate: true, previousResponseId: undefined }
 */
export function parseSocketMessage(data: Buffer | string, isBinary: boolean): ResponseCreate {
  if (isBinary) throw invalid("Messages must be text frames holding JSON; a binary frame was sent.");
  // As an HTTP body: a JSON object, nested no deeper than the decoders walk (so no later walk, nor the
  // JSON.stringify of a continued turn, can run out of stack).
  const json = parseJsonObject(data);
  const { type, generate, previous_response_id: previous, stream: _stream, ...body } = json;
  if (type !== "response.create")
    throw invalid(
      typeof type === "string"
        ? `Unknown message type '${type.slice(0, 64)}': the only client event is 'response.create'.`
        : "The message must have a `type`: the only client event is 'response.create'.",
      "type",
    );
  if (generate !== undefined && typeof generate !== "boolean")
    throw invalid("`generate` must be a boolean.", "generate");
  if (previous !== undefined && previous !== null && typeof previous !== "string")
    throw invalid("`previous_response_id` must be a string.", "previous_response_id");
  if (body.background === true)
    throw invalid("`background` is not supported over a WebSocket.", "background");
  return {
    body,
    generate: generate !== false,
    previousResponseId: typeof previous === "string" ? previous : undefined,
  };
}

function invalid(message: string, param?: string): GatewayError {
  return new GatewayError("invalid_request", message, param === undefined ? {} : { param });
}
