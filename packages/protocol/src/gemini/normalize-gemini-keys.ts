import { isJsonObject } from "./gemini-field-reader.js";

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

function normalizeEntry(rawKey: string, child: unknown): [string, unknown] {
  const key = camel(rawKey);
  if (OPAQUE.has(key)) return [key, child];
  if (NAMED_SCHEMAS.has(key) && isJsonObject(child)) {
    return [
      key,
      Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, normalize(schema)])),
    ];
  }
  return [key, normalize(child)];
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!isJsonObject(value)) return value;
  // fromEntries keeps a "__proto__" key as plain data instead of swapping the prototype.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => normalizeEntry(k, v)));
}

/**
 * Rewrites the snake_case field names Google's REST API also accepts (`system_instruction`, `inline_data`,
 * `mime_type`, as in many of Google's own curl examples) to their camelCase JSON names, leaving free-form
 * values (function args and responses, JSON Schemas, property names) untouched.
 * @see https://protobuf.dev/programming-guides/json/ (parsers accept both the lowerCamelCase and the proto field name)
 *
 * @example
 * normalizeGeminiKeys({ system_instruction: { parts: [{ text: "x" }] } }); // { systemInstruction: { parts: [{ text: "x" }] } }
 */
export function normalizeGeminiKeys(body: unknown): unknown {
  return normalize(body);
}
