import { GatewayError } from "../errors/gateway-error.js";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** Bounds for a number read from a body. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * Typed reads of untrusted JSON, each naming the parameter at fault. A failed read throws a GatewayError:
 * `invalid_request` with `details.param` for a client's body, `upstream_error` (no param: the client did
 * nothing wrong) for an upstream's answer.
 */
export interface FieldReader {
  fail(message: string, param: string): never;
  object(value: unknown, param: string): JsonObject;
  array(value: unknown, param: string): unknown[];
  string(value: unknown, param: string): string;
  boolean(value: unknown, param: string): boolean;
  number(value: unknown, param: string, range?: NumberRange): number;
  oneOf<T extends string>(value: unknown, param: string, allowed: readonly T[]): T;
  /** `undefined` for a missing or null value, else `read(value)`. */
  optional<T>(value: unknown, read: (value: unknown) => T): T | undefined;
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(range: NumberRange): string {
  const kind = range.integer ? "an integer" : "a number";
  if (range.min !== undefined && range.max !== undefined)
    return `${kind} between ${range.min} and ${range.max}`;
  if (range.min !== undefined) return `${kind} >= ${range.min}`;
  if (range.max !== undefined) return `${kind} <= ${range.max}`;
  return kind;
}

/**
 * A FieldReader that throws `code`.
 *
 * @example
 * const r = createFieldReader("invalid_request");
 * const t = r.optional(body.temperature, (v) => r.number(v, "temperature", { min: 0, max: 2 }));
 */
export function createFieldReader(code: "invalid_request" | "upstream_error"): FieldReader {
  const fail = (message: string, param: string): never => {
    if (code === "invalid_request") throw new GatewayError(code, `'${param}' ${message}`, { param });
    throw new GatewayError(code, `Unexpected upstream response: '${param}' ${message}`);
  };
  const reader: FieldReader = {
    fail,
    object: (value, param) => (isJsonObject(value) ? value : fail("must be an object", param)),
    array: (value, param) => (Array.isArray(value) ? value : fail("must be an array", param)),
    string: (value, param) => (typeof value === "string" ? value : fail("must be a string", param)),
    boolean: (value, param) => (typeof value === "boolean" ? value : fail("must be a boolean", param)),
    number: (value, param, range = {}) => {
      const ok =
        typeof value === "number" &&
        Number.isFinite(value) &&
        (!range.integer || Number.isSafeInteger(value)) &&
        (range.min === undefined || value >= range.min) &&
        (range.max === undefined || value <= range.max);
      return ok ? (value as number) : fail(`must be ${describe(range)}`, param);
    },
    oneOf: <T extends string>(value: unknown, param: string, allowed: readonly T[]): T =>
      typeof value === "string" && (allowed as readonly string[]).includes(value)
        ? (value as T)
        : fail(`must be one of ${allowed.map((a) => `'${a}'`).join(", ")}`, param),
    optional: (value, read) => (value === undefined || value === null ? undefined : read(value)),
  };
  return reader;
}
