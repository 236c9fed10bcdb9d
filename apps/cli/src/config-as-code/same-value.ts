/**
 * Whether two JSON-like values are equal: objects by their defined keys in any order, arrays in order.
 * Settings objects from the store and from a file list their keys in different orders.
 *
 * @example sameValue({ a: 1, b: undefined }, { a: 1 }) // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
