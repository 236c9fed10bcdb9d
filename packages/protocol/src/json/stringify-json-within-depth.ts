import { jsonValueDepthExceeds } from "./json-value-depth-exceeds.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";

/**
 * JSON.stringify for a value that came from outside (an upstream's tool arguments, a client's tool
 * input): `undefined` when it nests deeper than `maxDepth`, where JSON.stringify could run out of stack
 * (it throws a RangeError at a few thousand levels). The caller turns `undefined` into its own error,
 * naming the field.
 *
 * @example
 * stringifyJsonWithinDepth({ city: "Paris" }); // '{"city":"Paris"}'
 */
export function stringifyJsonWithinDepth(
  value: unknown,
  maxDepth: number = MAX_JSON_DEPTH,
): string | undefined {
  return jsonValueDepthExceeds(value, maxDepth) ? undefined : JSON.stringify(value);
}
