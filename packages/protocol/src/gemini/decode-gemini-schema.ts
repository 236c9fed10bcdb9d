import { isJsonObject, type JsonObject } from "./gemini-field-reader.js";

/** Keys whose value is one sub-schema. */
const SCHEMA_KEYS = new Set(["items", "not", "additionalProperties"]);
/** Keys whose value is a list of sub-schemas. */
const SCHEMA_LIST_KEYS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
/** Keys whose value maps names to sub-schemas. */
const SCHEMA_MAP_KEYS = new Set(["properties", "$defs", "definitions"]);

function decodeValue(key: string, value: unknown): unknown {
  if (key === "type" && typeof value === "string") return value.toLowerCase();
  if (SCHEMA_KEYS.has(key)) return decodeNode(value);
  if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) return value.map(decodeNode);
  if (SCHEMA_MAP_KEYS.has(key) && isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeNode(v)]));
  }
  return value;
}

function decodeNode(node: unknown): unknown {
  if (!isJsonObject(node)) return node;
  const entries = Object.entries(node)
    .filter(([key]) => key !== "nullable" && key !== "propertyOrdering")
    .map(([key, value]): [string, unknown] => [key, decodeValue(key, value)]);
  const out: JsonObject = Object.fromEntries(entries);
  // OpenAPI's `nullable: true` is JSON Schema's extra "null" type.
  if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

/**
 * Gemini's `Schema` (an OpenAPI 3.0 subset with upper-case type names, `nullable` and `propertyOrdering`)
 * → plain JSON Schema, the IR's schema language: type names lower-cased, `nullable` folded into `type`,
 * `propertyOrdering` (a Gemini-only hint) dropped. Everything else is kept as is.
 * @see https://ai.google.dev/api/caching#Schema
 *
 * @example
 * decodeGeminiSchema({ type: "OBJECT", properties: { a: { type: "STRING", nullable: true } } });
 * // { type: "object", properties: { a: { type: ["string", "null"] } } }
 */
export function decodeGeminiSchema(schema: JsonObject): JsonObject {
  return decodeNode(schema) as JsonObject;
}
