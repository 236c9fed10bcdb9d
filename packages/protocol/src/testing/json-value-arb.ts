import fc from "fast-check";

/**
 * Any JSON value as it survives JSON text: fast-check's jsonValue can produce -0, which JSON.stringify
 * writes as 0, so round-trip properties through JSON text would fail on a value JSON cannot carry.
 */
export const jsonValueArb = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
