import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { geminiField, isJsonObject } from "./gemini-field-reader.js";

/** Fields whose value is free-form JSON (proto Struct / Value): their keys are the caller's data. */
const OPAQUE = new Set([
  "args",
  "response",
  "parametersJsonSchema",
  "responseJsonSchema",
  "default",
  "example",
  "labels",
]);
/** Fields that map the caller's names to schemas: names kept, schemas normalized. */
const NAMED_SCHEMAS = new Set(["properties"]);

function camel(key: string): string {
  return key.replace(/(?<=[a-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `depth` is the nesting level of the object holding the entry (the body is level 1). */
function normalizeEntry(rawKey: string, child: unknown, depth: number): [string, unknown] {
  const key = camel(rawKey);
  if (OPAQUE.has(key)) return [key, child];
  if (NAMED_SCHEMAS.has(key) && isJsonObject(child)) {
    if (depth + 1 > MAX_JSON_DEPTH) tooDeep();
    const schemas = Object.entries(child).map(([name, schema]) => [name, normalize(schema, depth + 2)]);
    return [key, Object.fromEntries(schemas)];
  }
  return [key, normalize(child, depth + 1)];
}

function tooDeep(): never {
  throw geminiField.invalid("body", `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`);
}

/**
 * Recursive, but bounded: a value nested deeper than MAX_JSON_DEPTH is refused with a 400 before the
 * stack could run out (bodies that passed parseJsonObject never reach the bound).
 */
function normalize(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_JSON_DEPTH) tooDeep();
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1));
  // fromEntries keeps a "__proto__" key as plain data instead of swapping the prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => normalizeEntry(k, v, depth)));
}

/**
 * Rewrites the snake_case field names Google's REST API also accepts (`system_instruction`, `inline_data`,
 * `mime_type`, as in many of Google's own curl examples) to their camelCase JSON names, leaving free-form
 * values (function args and responses, JSON Schemas, property names) untouched. A body nested deeper than
 * MAX_JSON_DEPTH levels is refused with a 400 (`invalid_request`, param `body`).
 * @see https://protobuf.dev/programming-guides/json/ (parsers accept both the lowerCamelCase and the proto field name)
 *
 * @example
 * normalizeGeminiKeys({ system_instruction: { parts: [{ text: "x" }] } }); // { systemInstruction: { parts: [{ text: "x" }] } }
 */
export function normalizeGeminiKeys(body: unknown): unknown {
  return normalize(body, 1);
}
