/**
 * A parsed JSON value as a plain object, or undefined when it is not one (array, scalar, absent).
 *
 * @example
 * asJsonObject(JSON.parse('{"a":1}')); // { a: 1 }
 * asJsonObject([1]); // undefined
 */
export function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A property as an array, or [] when it is not one. */
export function arrayField(obj: Record<string, unknown> | undefined, name: string): unknown[] {
  const value = obj?.[name];
  return Array.isArray(value) ? value : [];
}
