import { GatewayError } from "../errors/gateway-error.js";
import { jsonTextDepthExceededAt } from "./json-text-depth-exceeded-at.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";

/** Bounds for {@link parseJsonObject}. */
export interface ParseJsonObjectOptions {
  /** How deeply arrays and objects may nest, the body being level 1 (default {@link MAX_JSON_DEPTH}). */
  maxDepth?: number;
}

/**
 * A client's request body → its JSON object, refusing with a 400 everything else: an empty body
 * (`invalid_json`), text that is not JSON (`invalid_json`, with the parser's own position message), JSON
 * that is not an object (`invalid_request`), and JSON nesting deeper than `maxDepth` (`invalid_request`).
 * Depth is checked first by a linear scan of the text (no recursion), so no later walk over the object —
 * a decoder's or JSON.stringify's — can run out of stack, whatever the client sent.
 *
 * @example
 * parseJsonObject(Buffer.from('{"model":"gpt-4o"}')); // { model: "gpt-4o" }
 * parseJsonObject("[1]"); // throws GatewayError invalid_request
 */
export function parseJsonObject(
  body: Buffer | string,
  options: ParseJsonObjectOptions = {},
): Record<string, unknown> {
  const text = typeof body === "string" ? body : body.toString("utf8");
  if (text.trim() === "") {
    throw new GatewayError("invalid_json", "The request body is empty; expected a JSON object.");
  }
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const tooDeepAt = jsonTextDepthExceededAt(text, maxDepth);
  if (tooDeepAt !== -1) {
    throw new GatewayError(
      "invalid_request",
      `The request body nests arrays and objects deeper than ${maxDepth} levels (at position ${tooDeepAt}).`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
