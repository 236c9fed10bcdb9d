/** One leaf of a before/after pair: its path (`limits.rpm`), both values, and whether it changed. */
export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: "added" | "removed" | "changed" | "same";
}

const ABSENT = Symbol("absent");

/**
 * Flattens two JSON values into rows by path, so a reader sees which fields changed: objects are walked
 * key by key, arrays and scalars compared whole (an array's order is part of its value).
 *
 * @example
 * diffJson({ name: "a", rpm: 1 }, { name: "b", rpm: 1 });
 * // [{ path: "name", before: "a", after: "b", change: "changed" }, { path: "rpm", ..., change: "same" }]
 */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const rows: DiffRow[] = [];
  walk("", before ?? ABSENT, after ?? ABSENT, rows);
  return rows;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function walk(path: string, a: unknown, b: unknown, rows: DiffRow[]): void {
  if (isObject(a) || isObject(b)) {
    const left = isObject(a) ? a : {};
    const right = isObject(b) ? b : {};
    if ((a !== ABSENT && !isObject(a)) || (b !== ABSENT && !isObject(b))) {
      rows.push(leaf(path, a, b));
      return;
    }
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const k of keys) {
      walk(path ? `${path}.${k}` : k, k in left ? left[k] : ABSENT, k in right ? right[k] : ABSENT, rows);
    }
    return;
  }
  if (a === ABSENT && b === ABSENT) return;
  rows.push(leaf(path || "(value)", a, b));
}

function leaf(path: string, a: unknown, b: unknown): DiffRow {
  const before = a === ABSENT ? undefined : a;
  const after = b === ABSENT ? undefined : b;
  let change: DiffRow["change"];
  if (a === ABSENT) change = "added";
  else if (b === ABSENT) change = "removed";
  else change = JSON.stringify(a) === JSON.stringify(b) ? "same" : "changed";
  return { path, before, after, change };
}
