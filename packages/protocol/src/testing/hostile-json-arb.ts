import fc from "fast-check";
import { jsonValueArb } from "./json-value-arb.js";

/**
 * `levels` of nesting around `leaf`, objects and arrays alternating from an outer object; built in a loop,
 * so any depth works.
 */
export function nestedJson(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = levels; i >= 1; i--) value = i % 2 === 1 ? { k: value } : [value];
  return value;
}

/** A stand-in for deep nesting inside a value that is turned into JSON text: see {@link jsonTextWithDeepNesting}. */
export function deepNestingMarker(levels: number): string {
  return `__deep_nesting_${levels}__`;
}

/** JSON text of `levels` levels of nesting, objects and arrays alternating from an outer object. */
function nestedJsonText(levels: number): string {
  const pairs = Math.floor(levels / 2);
  const odd = levels % 2 === 1;
  return `${'{"k":['.repeat(pairs)}${odd ? '{"k":1}' : "1"}${"]}".repeat(pairs)}`;
}

/**
 * JSON text of a value, with every {@link deepNestingMarker} replaced by that many levels of nesting. Lets
 * a test send an upstream 100,000 levels as text, which JSON.stringify could not write itself.
 */
export function jsonTextWithDeepNesting(value: unknown): string {
  return JSON.stringify(value).replace(/"__deep_nesting_(\d+)__"/g, (_, n: string) =>
    nestedJsonText(Number(n)),
  );
}

/**
 * Values an upstream (or a client) might send where a decoder expects something else: any JSON value,
 * nesting far beyond MAX_JSON_DEPTH (up to `maxNesting` levels; as markers when `deep` says so),
 * numbers at the edges of what JSON text carries, and long strings.
 */
export function hostileJsonArb(
  maxNesting: number,
  deep: (levels: number) => unknown = nestedJson,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: jsonValueArb },
    { weight: 2, arbitrary: fc.integer({ min: 100, max: maxNesting }).map((levels) => deep(levels)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, 5e-324, -1, 1.5, 0, Number.MAX_SAFE_INTEGER),
    },
    { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 5000 }) },
  );
}
