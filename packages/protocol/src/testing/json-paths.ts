/** A path to a value inside a JSON document: object keys and array indices. */
export type JsonPath = Array<string | number>;

/** Every path to a value inside a JSON document (not the root itself). */
export function jsonPaths(value: unknown, at: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...jsonPaths(v, [...at, i]));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...jsonPaths(v, [...at, k]));
  }
  return out;
}

/** A copy of `root` (a small fixture, copied through JSON) with the value at `path` replaced. */
export function withValueAt(root: unknown, path: JsonPath, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}
