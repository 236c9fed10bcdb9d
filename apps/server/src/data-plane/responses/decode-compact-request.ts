import { createFieldReader } from "@gatehouse/protocol";

/** What the pipeline reads of a compaction request; the body itself goes upstream as it is. */
export interface CompactRequest {
  model: string;
  /** Characters of text the conversation holds (the prompt's size, for the token estimate). */
  promptChars: number;
  /** The conversation's text, for a token count when the upstream reports no usage. */
  promptText: () => string;
}

const STATEFUL =
  "stored responses are not supported by the gateway yet: send the whole conversation in 'input'";

/** Every string inside a JSON value (texts, tool outputs, earlier compactions' encrypted content). */
function stringsOf(value: unknown, out: string[]): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (typeof value === "object" && value !== null)
    for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/**
 * Reads a `POST /v1/responses/compact` body: `model` (a string: the gateway routes on it), `input` (a
 * string, an array of items, or null), `instructions` (a string or null); `previous_response_id` is
 * refused as on /v1/responses (nothing is stored). The items are not decoded further: the request only
 * ever goes natively to an upstream that offers compaction, which checks them itself. Bad input throws
 * a 400 GatewayError naming the param. Its size counts every string of `input` and `instructions`,
 * encrypted compactions included (they stand for tokens the model reads).
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 *
 * @example
 * decodeCompactRequest({ model: "gpt-5", input: "hi" }).model; // "gpt-5"
 */
export function decodeCompactRequest(json: Record<string, unknown>): CompactRequest {
  const r = createFieldReader("invalid_request");
  if (json.model === undefined || json.model === null) r.fail("is required", "model");
  const model = r.string(json.model, "model");
  if (model === "") r.fail("must not be empty", "model");
  const input = json.input;
  if (input !== undefined && input !== null && typeof input !== "string" && !Array.isArray(input))
    r.fail("must be a string or an array of input items", "input");
  r.optional(json.instructions, (v) => r.string(v, "instructions"));
  if (json.previous_response_id != null) {
    r.string(json.previous_response_id, "previous_response_id");
    r.fail(`is set, but ${STATEFUL}`, "previous_response_id");
  }
  const texts = stringsOf([json.instructions, input], []);
  return {
    model,
    promptChars: texts.reduce((n, t) => n + t.length, 0),
    promptText: () => texts.join("\n"),
  };
}
