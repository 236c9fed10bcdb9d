import { GatewayError } from "@gatehouse/protocol";

/** A page of a response's input items, in OpenAI's list shape. */
export interface InputItemsPage {
  object: "list";
  data: Record<string, unknown>[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** The list's query: `limit` 1–100 (20 by default), `order` asc or desc (desc by default), `after` an item id. */
export interface InputItemsQuery {
  limit: number;
  order: "asc" | "desc";
  after: string | undefined;
}

const PREFIXES: Record<string, string> = {
  message: "msg",
  function_call: "fc",
  function_call_output: "fco",
  reasoning: "rs",
};

function bad(message: string, param: string): GatewayError {
  return new GatewayError("invalid_request", message, { param });
}

/**
 * The query string of GET /v1/responses/{id}/input_items, checked: a clear 400 naming the parameter.
 * @see https://platform.openai.com/docs/api-reference/responses/input-items
 */
export function readInputItemsQuery(query: Record<string, unknown>): InputItemsQuery {
  const limitText = query.limit ?? "20";
  const limit = typeof limitText === "string" && /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!(limit >= 1 && limit <= 100)) throw bad("Invalid 'limit': must be an integer from 1 to 100.", "limit");
  const order = query.order ?? "desc";
  if (order !== "asc" && order !== "desc") throw bad("Invalid 'order': must be 'asc' or 'desc'.", "order");
  const after = query.after;
  if (after !== undefined && typeof after !== "string")
    throw bad("Invalid 'after': must be an item id.", "after");
  return { limit, order, after };
}

/**
 * One stored input item as OpenAI lists it: its `type` spelled out, a string content as one
 * `input_text` part (`output_text` for an assistant), and an id — its own when it had one, otherwise
 * one derived from the response id and its position (stable across calls: `after` can name it).
 */
export function listedItem(item: unknown, responseBase: string, index: number): Record<string, unknown> {
  const o = typeof item === "object" && item !== null && !Array.isArray(item) ? { ...item } : { value: item };
  const listed = o as Record<string, unknown>;
  const type = typeof listed.type === "string" ? listed.type : "message";
  listed.type = type;
  if (type === "message" && typeof listed.content === "string") {
    const part = listed.role === "assistant" ? "output_text" : "input_text";
    listed.content = [{ type: part, text: listed.content }];
  }
  if (typeof listed.id !== "string") listed.id = `${PREFIXES[type] ?? "item"}_${responseBase}_in${index}`;
  return listed;
}

/**
 * A page of a response's own input items: in the order asked, starting after the item `after` names
 * (an id it does not list: 400 naming `after`), at most `limit`.
 * @see https://platform.openai.com/docs/api-reference/responses/input-items
 *
 * @example
 * listInputItems(items, "abc", { limit: 2, order: "asc", after: undefined });
 * // { object: "list", data: [2 items], first_id, last_id, has_more: true }
 */
export function listInputItems(
  items: readonly unknown[],
  responseBase: string,
  q: InputItemsQuery,
): InputItemsPage {
  const all = items.map((item, i) => listedItem(item, responseBase, i));
  if (q.order === "desc") all.reverse();
  let start = 0;
  if (q.after !== undefined) {
    const at = all.findIndex((item) => item.id === q.after);
    if (at < 0) throw bad(`Invalid 'after': no input item with id '${q.after}'.`, "after");
    start = at + 1;
  }
  const data = all.slice(start, start + q.limit);
  return {
    object: "list",
    data,
    first_id: (data[0]?.id as string | undefined) ?? null,
    last_id: (data.at(-1)?.id as string | undefined) ?? null,
    has_more: start + q.limit < all.length,
  };
}
