import fc from "fast-check";

/**
 * Any JSON value as it survives JSON text: fast-check's jsonValue can produce -0, which JSON.stringify
 * writes as 0, so round-trip properties through JSON text would fail on a value JSON cannot carry.
 */
export const jsonValueArb = jsonValueArbOf();

/** {@link jsonValueArb} with fast-check's jsonValue constraints (depth, size). */
export function jsonValueArbOf(constraints: Parameters<typeof fc.jsonValue>[0] = {}): fc.Arbitrary<unknown> {
  return fc.jsonValue(constraints).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
}
