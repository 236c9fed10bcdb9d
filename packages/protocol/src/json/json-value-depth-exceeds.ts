/**
 * Whether a value nests arrays and objects deeper than `maxDepth` (a scalar is depth 0, `{}` and `[]` are
 * depth 1, `[[1]]` is depth 2: the same count as {@link jsonTextDepthExceededAt} makes on its JSON text).
 * Walks with an explicit stack, so any depth is measured without recursion; it stops as soon as the bound
 * is passed, which also ends the walk of a cyclic object.
 *
 * @example
 * jsonValueDepthExceeds({ a: [1, { b: 2 }] }, 2); // true
 * jsonValueDepthExceeds({ a: [1, 2] }, 2); // false
 */
export function jsonValueDepthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, depth } = top;
    if (typeof node !== "object" || node === null) continue;
    if (depth + 1 > maxDepth) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === "object" && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
