// The request a scenario sends to a target: origin and path of the target, model and headers of the route.
import { chatRequestBody } from "./request-body.mjs";

/**
 * The OpenAI chat request for `handle`, on `route` (a `{ model, headers }` of the handle: itself, its
 * conversion path, its breaker model).
 *
 * @example
 * requestSpec(handle, { stream: false, promptBytes: 400, route: handle.breaker })
 */
export function requestSpec(handle, { stream, promptBytes, route = handle }) {
  return {
    origin: handle.origin,
    path: handle.path,
    headers: route.headers ?? {},
    body: chatRequestBody({ model: route.model, stream, promptBytes }),
  };
}
