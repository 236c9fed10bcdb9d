import { jsonTextDepthExceededAt } from "./json-text-depth-exceeded-at.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";

/**
 * JSON text → its value, or `undefined` when the text is not JSON or nests deeper than `maxDepth`
 * (JSON itself has no `undefined`, so the answer is never ambiguous). For JSON text found inside a
 * message — tool arguments, tool results — that an encoder turns back into an object: a value nested too
 * deeply to be serialized again is treated like text that is not JSON.
 *
 * @example
 * tryParseJson('{"city":"Paris"}'); // { city: "Paris" }
 * tryParseJson('{"city":'); // undefined
 */
export function tryParseJson(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  if (jsonTextDepthExceededAt(text, maxDepth) !== -1) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
