import { GatewayError } from "../errors/gateway-error.js";

/** What a continuation starts from: the previous turn's whole input and its output items. */
export interface PreviousTurn {
  input: unknown[];
  output: unknown[];
}

/**
 * A request's `input` as a list of items: a string is one user message with one `input_text` part
 * (the item OpenAI lists for it in a response's input items); a list is copied as it is.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 *
 * @example
 * inputItemsOf("Hi"); // [{ type: "message", role: "user", content: [{ type: "input_text", text: "Hi" }] }]
 */
export function inputItemsOf(input: unknown): unknown[] {
  if (input === undefined || input === null) return [];
  if (typeof input === "string")
    return [{ type: "message", role: "user", content: [{ type: "input_text", text: input }] }];
  if (Array.isArray(input)) return structuredClone(input);
  throw new GatewayError("invalid_request", "Invalid 'input': must be a string or an array of items.", {
    param: "input",
  });
}

/**
 * An output item passed back as an input item. Messages, function calls and reasoning items are valid
 * input items as they are (OpenAI's own clients send output items back unchanged); their `status` is
 * dropped, being a fact about the earlier answer rather than part of the conversation, and so is their `id`. Other items (a
 * hosted tool's call, on the native path) go back as they came.
 * @see https://platform.openai.com/docs/guides/conversation-state#manually-manage-conversation-state
 */
function asInputItem(item: unknown): unknown {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
  const copy = structuredClone(item) as Record<string, unknown>;
  if (copy.type === "message" || copy.type === "function_call") {
    // An item id names a stored item: OpenAI refuses one it did not store ("Item with id ... not found"
    // under `store: false`), and the gateway sends continued turns upstream with `store: false`.
    delete copy.status;
    delete copy.id;
  }
  return copy;
}

/**
 * The whole conversation a `previous_response_id` stands for, as wire items: the previous turn's input
 * (itself already the whole chain before it), its output items turned into input items (assistant
 * messages with `output_text`, `function_call`s, `reasoning` with its `encrypted_content`), then the new
 * input. Instructions are not part of it: OpenAI does not carry them over from the previous response.
 * Pure: the arguments are not changed. A new input that is neither a string nor a list throws a 400
 * naming `input`.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-previous_response_id
 *
 * @example
 * continueInput({ input: [{ role: "user", content: "Hi" }], output: [assistantMessage] }, "And then?");
 * // [{ role: "user", content: "Hi" }, assistantMessage, { type: "message", role: "user", content: [...] }]
 */
export function continueInput(previous: PreviousTurn, input: unknown): unknown[] {
  return [...structuredClone(previous.input), ...previous.output.map(asInputItem), ...inputItemsOf(input)];
}
