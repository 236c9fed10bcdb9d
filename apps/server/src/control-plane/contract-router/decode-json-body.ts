import { GatewayError, jsonTextDepthExceededAt } from "@gatehouse/protocol";

/** How deeply a control-plane body may nest arrays and objects (the body itself is level 1). */
export const MAX_API_BODY_DEPTH = 64;

/** The largest control-plane body accepted, in bytes (a route's `bodyLimit`). */
export const MAX_API_BODY_BYTES = 1_048_576;

/**
 * The raw body of a control-plane request (the bytes Fastify's `*` parser kept, or undefined when none
 * came) → its JSON value, refusing with a 4xx: no body (400), a media type other than JSON (415), nesting
 * deeper than {@link MAX_API_BODY_DEPTH} (400, checked by a linear scan before parsing so nothing
 * recurses on it), text that is not JSON (400 `invalid_json`). Whether the value fits the operation is
 * the contract's body schema's job.
 *
 * @example
 * decodeJsonBody(Buffer.from('{"name":"ci"}'), "application/json; charset=utf-8"); // { name: "ci" }
 */
export function decodeJsonBody(raw: unknown, contentType: string | undefined): unknown {
  const text = Buffer.isBuffer(raw) ? raw.toString("utf8") : typeof raw === "string" ? raw : "";
  if (text.trim() === "") throw new GatewayError("invalid_request", "A JSON body is required.");
  if (!isJsonMediaType(contentType)) {
    throw new GatewayError("unsupported_media_type", "Send the body as application/json.");
  }
  const tooDeepAt = jsonTextDepthExceededAt(text, MAX_API_BODY_DEPTH);
  if (tooDeepAt !== -1) {
    throw new GatewayError(
      "invalid_request",
      `The body nests arrays and objects deeper than ${MAX_API_BODY_DEPTH} levels (at position ${tooDeepAt}).`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new GatewayError("invalid_json", `The body is not valid JSON: ${(err as Error).message}`);
  }
}

/** `application/json`, with or without parameters (`; charset=utf-8`), in any letter case. */
function isJsonMediaType(contentType: string | undefined): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}
