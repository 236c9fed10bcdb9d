import type { ResponsesResponse } from "@gatehouse/protocol";
import { decodeChatBody, serveChat } from "../chat/chat-operation.js";
import type { ChatRequest } from "../chat/chat-request.js";
import { readClientBody } from "../client-body.js";
import type { DecodeInput, Operation } from "../operation.js";
import { prepareTurn } from "./prepare-turn.js";
import type { ResponseArchive } from "./response-archive.js";
import { responsesSurface } from "./responses-surface.js";

/**
 * POST /v1/responses: the chat operation of the Responses surface, with OpenAI's state around it. Before
 * decoding, a `previous_response_id` is resolved into the whole conversation (prepare-turn.ts), so every
 * upstream — the converted ones and a Responses-speaking one alike — answers the same question. The
 * answer carries the gateway's own `resp_…` id; unless the request set `store: false`, its final
 * `response` object (completed, incomplete, or failed after the stream began) is sealed and stored the
 * moment it is known, before its last bytes reach the client, so the client's next request finds it.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function responsesCreateOperation(
  archive: ResponseArchive | undefined,
  maxBytes: number,
): Operation<ChatRequest> {
  return {
    name: "chat",
    surface: responsesSurface,
    readsBody: true,
    decode: (input) => decodeCreate(archive, maxBytes, input),
    // The answer's storing (response-archive.ts) goes on without holding the metering back; shutdown drains it.
    serve: (ctx) => serveChat(responsesSurface, ctx),
  };
}

async function decodeCreate(archive: ResponseArchive | undefined, maxBytes: number, input: DecodeInput) {
  const { principal } = input;
  const owner = { tenantId: principal.tenantId, apiKeyId: principal.id };
  const turn = await prepareTurn(archive, owner, readClientBody(input.body), maxBytes);
  const decoded = decodeChatBody(responsesSurface, turn.body, input);
  const request = decoded.request;
  request.turn = { id: turn.id, previousId: turn.previousId };
  if (turn.store && archive !== undefined && turn.input !== undefined) {
    const payloadInput = turn.input;
    let done = false;
    request.turn.onFinal = (response: ResponsesResponse) => {
      if (done) return;
      done = true;
      const author = { ...owner, workspaceId: principal.workspaceId };
      const payload = { input: payloadInput, ownInputStart: turn.ownInputStart, response };
      void archive.save(author, turn.previousId, payload);
    };
  }
  return decoded;
}
