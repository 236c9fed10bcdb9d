import type { RecordedRequest } from "@gatehouse/test-support";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why a list of chat turns is not a non-empty array of objects with a string role. Gemini's role is
 * optional, and null is its absence (proto3 JSON reads null as the field's default).
 * @see https://protobuf.dev/programming-guides/json/
 */
function turnsProblem(field: string, turns: unknown, roleRequired: boolean): string | undefined {
  if (!Array.isArray(turns) || turns.length === 0) return `${field} is not a non-empty array`;
  const roleOk = (role: unknown) =>
    typeof role === "string" || (!roleRequired && (role === undefined || role === null));
  const bad = turns.findIndex((t) => !isObject(t) || !roleOk(t.role));
  return bad === -1 ? undefined : `${field}[${bad}] is not an object with a string role`;
}

/**
 * Why a chat request the gateway sent upstream breaks the minimal schema of its format, or undefined when
 * it keeps it: a JSON object; OpenAI: a model string and a non-empty `messages` array of objects with a
 * role; Anthropic: the same, and an integer `max_tokens` (required); Gemini: a model in the path
 * and a non-empty `contents` array of objects. The gateway's own `gatehouse` field never goes upstream.
 * Each provider refuses a request without these, so a gateway that sends one could have refused it itself.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content#request-body
 *
 * @example
 * upstreamBodyProblem({ path: "/v1/messages", json: { model: "m", messages: [] }, ... }); // "messages is not a non-empty array"
 */
export function upstreamBodyProblem(req: RecordedRequest): string | undefined {
  const body = req.json;
  if (!isObject(body)) return `the body is not a JSON object: ${req.body.slice(0, 200)}`;
  if (Object.hasOwn(body, "gatehouse")) return "the gateway's own `gatehouse` field was forwarded";
  if (req.path.endsWith("/chat/completions") || req.path.endsWith("/messages")) {
    if (typeof body.model !== "string" || body.model === "") return "model is not a non-empty string";
    const turns = turnsProblem("messages", body.messages, true);
    if (turns !== undefined) return turns;
    // The decoder's own rule (an integer >= 0), looser than it might be: 0 and integers past 2^53 pass (reported).
    if (
      req.path.endsWith("/messages") &&
      !(Number.isInteger(body.max_tokens) && (body.max_tokens as number) >= 0)
    )
      return `max_tokens is not an integer >= 0: ${JSON.stringify(body.max_tokens)}`;
    return undefined;
  }
  const model = /\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(req.path)?.[1];
  if (model === undefined) return `unexpected upstream path ${req.path}`;
  return turnsProblem("contents", body.contents, false);
}
