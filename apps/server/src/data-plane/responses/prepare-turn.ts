import { continueInput, GatewayError, inputItemsOf } from "@gatehouse/protocol";
import type { StoredResponseOwner } from "../../domain/stored-response.js";
import type { ClientBody } from "../client-body.js";
import { newResponseId, type ResponseArchive } from "./response-archive.js";

/** A create request made ready to decode: its body (the conversation rebuilt) and what storing needs. */
export interface PreparedTurn {
  body: ClientBody;
  id: string;
  previousId: string | null;
  /** Whether the answer is stored (`store` not false). */
  store: boolean;
  /** The whole conversation sent, as wire items; computed only when stored. */
  input: unknown[] | undefined;
  /** Where the request's own items start in `input`. */
  ownInputStart: number;
}

/** OpenAI's answer to a previous_response_id it does not have (or that another key made). */
function previousNotFound(id: string): GatewayError {
  return new GatewayError("previous_response_not_found", `Previous response with id '${id}' not found.`, {
    param: "previous_response_id",
  });
}

/**
 * Resolves a create request's state before it is decoded, so every upstream gets the whole conversation:
 * with `previous_response_id`, the owner's stored response is loaded (another tenant's or key's, an
 * expired or an unknown one: 400 `previous_response_not_found`, as OpenAI answers) and `input` becomes
 * its conversation + its output + the new input (continueInput), and the id field is taken out (a
 * Responses-speaking upstream never saw the gateway's ids; responses-surface.ts also sends it
 * `store: false`). Without it, the client's bytes are untouched. A rebuilt body over `maxBytes` (the
 * body limit) is a 413, as the same conversation sent whole would be. `instructions` are the request's own: never carried over.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-previous_response_id
 */
export async function prepareTurn(
  archive: ResponseArchive | undefined,
  owner: StoredResponseOwner,
  body: ClientBody,
  maxBytes: number,
): Promise<PreparedTurn> {
  const json = body.json;
  const store = json.store !== false && archive !== undefined;
  const previous = json.previous_response_id;
  const id = newResponseId();
  if (previous === undefined || previous === null) {
    const input = store ? inputItemsOf(json.input) : undefined;
    return { body, id, previousId: null, store, input, ownInputStart: 0 };
  }
  if (typeof previous !== "string" || previous === "")
    throw new GatewayError("invalid_request", "Invalid 'previous_response_id': must be a response id.", {
      param: "previous_response_id",
    });
  const loaded = await archive?.load(owner, previous);
  if (loaded === undefined) throw previousNotFound(previous);
  const history = { input: loaded.input, output: loaded.response.output };
  const input = continueInput(history, json.input);
  const { previous_response_id: _, ...rest } = json;
  const rebuilt = { ...rest, input };
  const raw = Buffer.from(JSON.stringify(rebuilt));
  // The same bound as a client sending the whole conversation itself: the chain cannot grow without end.
  if (raw.length > maxBytes)
    throw new GatewayError(
      "payload_too_large",
      `The conversation previous_response_id continues, with the new input, exceeds the body limit of ${maxBytes} bytes; start a new conversation.`,
      { param: "previous_response_id" },
    );
  const ownInputStart = history.input.length + history.output.length;
  return {
    body: { raw, json: rebuilt, field: body.field },
    id,
    previousId: previous,
    store,
    input,
    ownInputStart,
  };
}
