/**
 * The input of a turn that continues an earlier response (`previous_response_id`) without a stored
 * conversation: the earlier turn's input items, then its output items as input items, then the new
 * input. Instructions are not carried over (the Responses API does not carry them either: each turn sends
 * its own). Output items become the input items the API documents for them: an assistant `message` with
 * its `output_text` (and `refusal`) parts, a `function_call` with its `call_id`, `name` and `arguments`,
 * a `reasoning` item with its `summary` and `encrypted_content`; their `id` and `status` are dropped (an
 * item id names a stored item, which a `store: false` conversation does not have). Other items (hosted
 * tools' calls, on a native upstream) go back as they came.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-previous_response_id
 * @see https://platform.openai.com/docs/guides/conversation-state
 * @example
 * continueInput({ input: [{ role: "user", content: "Hi" }], output: [assistantMessage] }, "And then?");
 * // → [{ role: "user", content: "Hi" }, { type: "message", role: "assistant", content: [...] },
 * //    { role: "user", content: "And then?" }]
 */
export function continueInput(previous: { input: unknown[]; output: unknown[] }, input: unknown): unknown[] {
  return [...previous.input, ...previous.output.map(outputAsInput), ...inputItems(input)];
}

/** A turn's `input` as items: a string is one user message; no input adds nothing. */
function inputItems(input: unknown): unknown[] {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ role: "user", content: input }];
  // Anything else goes on as it is: the request's decoder reports what is wrong with it, at its place.
  return Array.isArray(input) ? input : [input];
}

function outputAsInput(item: unknown): unknown {
  if (!isObject(item)) return item;
  switch (item.type) {
    case "message":
      return {
        type: "message",
        role: item.role ?? "assistant",
        content: Array.isArray(item.content) ? item.content.map(partAsInput) : item.content,
      };
    case "function_call":
      return { type: "function_call", call_id: item.call_id, name: item.name, arguments: item.arguments };
    case "reasoning":
      return {
        type: "reasoning",
        summary: item.summary ?? [],
        ...(item.encrypted_content !== undefined &&
          item.encrypted_content !== null && { encrypted_content: item.encrypted_content }),
      };
    default:
      return item;
  }
}

function partAsInput(part: unknown): unknown {
  if (!isObject(part)) return part;
  if (part.type === "output_text") return { type: "output_text", text: part.text };
  if (part.type === "refusal") return { type: "refusal", refusal: part.refusal };
  return part;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
