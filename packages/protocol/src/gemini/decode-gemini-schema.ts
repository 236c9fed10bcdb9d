import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { geminiField, isJsonObject, type JsonObject } from "./gemini-field-reader.js";

/** Keys whose value is one sub-schema. */
const SCHEMA_KEYS = new Set(["items", "not", "additionalProperties"]);
/** Keys whose value is a list of sub-schemas. */
const SCHEMA_LIST_KEYS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
/** Keys whose value maps names to sub-schemas. */
const SCHEMA_MAP_KEYS = new Set(["properties", "$defs", "definitions"]);

/** Where the walk is: the schema's JSON path (for the error) and the nesting level of the current node. */
interface At {
  param: string;
  depth: number;
}

function decodeValue(key: string, value: unknown, at: At): unknown {
  if (key === "type" && typeof value === "string") return value.toLowerCase();
  // A list or a map of schemas is one level, each schema in it the next.
  const child = { param: at.param, depth: at.depth + 2 };
  if (SCHEMA_KEYS.has(key)) return decodeNode(value, { param: at.param, depth: at.depth + 1 });
  if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) return value.map((v) => decodeNode(v, child));
  if (SCHEMA_MAP_KEYS.has(key) && isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeNode(v, child)]));
  }
  return value;
}

/** Recursive, but bounded by MAX_JSON_DEPTH: a deeper schema is a 400 before the stack could run out. */
function decodeNode(node: unknown, at: At): unknown {
  if (!isJsonObject(node)) return node;
  if (at.depth > MAX_JSON_DEPTH)
    throw geminiField.invalid(at.param, `nests schemas deeper than ${MAX_JSON_DEPTH} levels`);
  const entries = Object.entries(node)
    .filter(([key]) => key !== "nullable" && key !== "propertyOrdering")
    .map(([key, value]): [string, unknown] => [key, decodeValue(key, value, at)]);
  const out: JsonObject = Object.fromEntries(entries);
  // OpenAPI's `nullable: true` is JSON Schema's extra "null" type.
  if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

/**
 * Gemini's `Schema` (an OpenAPI 3.0 subset with upper-case type names, `nullable` and `propertyOrdering`)
 * → plain JSON Schema, the IR's schema language: type names lower-cased, `nullable` folded into `type`,
 * `propertyOrdering` (a Gemini-only hint) dropped. Everything else is kept as is. A schema nested deeper
 * than MAX_JSON_DEPTH levels is a 400 `invalid_request` naming `param`.
 * @see https://ai.google.dev/api/caching#Schema
 *
 * @example
 * decodeGeminiSchema({ type: "OBJECT", properties: { a: { type: "STRING", nullable: true } } }, "parameters");
 * // { type: "object", properties: { a: { type: ["string", "null"] } } }
 */
export function decodeGeminiSchema(schema: JsonObject, param: string): JsonObject {
  return decodeNode(schema, { param, depth: 1 }) as JsonObject;
}
