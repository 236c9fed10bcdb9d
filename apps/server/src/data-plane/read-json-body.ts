import { GatewayError } from "@gatehouse/protocol";

/**
 * Parses a request body as a JSON object. Anything else — empty, not JSON, an array, a scalar — is a
 * 400 in the caller's protocol, decided before any lookup or upstream call.
 */
export function readJsonBody(body: unknown): Record<string, unknown> {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : typeof body === "string" ? body : undefined;
  if (text === undefined || text.trim() === "") {
    throw new GatewayError("invalid_json", "The request body is empty; expected a JSON object.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
