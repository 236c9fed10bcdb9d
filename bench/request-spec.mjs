// The request a scenario sends to a target: origin and path of the target, model and headers of the route.
import { chatRequestBody, responsesRequestBody } from "./request-body.mjs";

/**
 * The OpenAI chat request for `handle`, on `route` (a `{ model, headers }` of the handle: itself, its
 * conversion path, its breaker model) — or, for a route with `surface: "responses"` and its own `path`,
 * the same question as an OpenAI Responses request.
 *
 * @example
 * requestSpec(handle, { stream: false, promptBytes: 400, route: handle.breaker })
 */
export function requestSpec(handle, { stream, promptBytes, route = handle }) {
  return {
    origin: handle.origin,
    path: route.path ?? handle.path,
    headers: route.headers ?? {},
    body: (route.surface === "responses" ? responsesRequestBody : chatRequestBody)({
      model: route.model,
      stream,
      promptBytes,
    }),
  };
}
