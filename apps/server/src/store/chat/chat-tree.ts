/** The shape of a message the tree logic needs: its id, its parent (null: a root) and its creation order. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  createdAt: number;
}

/**
 * The branch that ends at `leafId`, root first: walks parent links from the leaf up. An unknown leaf
 * answers []; a parent missing from `nodes` ends the walk; a cycle (which the store never writes) is cut
 * at the first repeated id, so the walk always ends.
 *
 * @example
 * branchPath([{ id: "a", parentId: null, createdAt: 1 }, { id: "b", parentId: "a", createdAt: 2 }], "b"); // ["a", "b"]
 */
export function branchPath(nodes: readonly TreeNode[], leafId: string | null): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: string[] = [];
  const seen = new Set<string>();
  let at = leafId === null ? undefined : byId.get(leafId);
  while (at !== undefined && !seen.has(at.id)) {
    seen.add(at.id);
    path.push(at.id);
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return path.reverse();
}

/**
 * The children of each message (key null: the roots), oldest first (ties by id), so siblings have a
 * stable order the UI can number ("2 / 3").
 */
export function childrenByParent(nodes: readonly TreeNode[]): Map<string | null, TreeNode[]> {
  const out = new Map<string | null, TreeNode[]>();
  for (const n of nodes) {
    const list = out.get(n.parentId) ?? [];
    list.push(n);
    out.set(n.parentId, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

/**
 * The leaf reached from `fromId` by always taking the newest child: selecting a message that has replies
 * selects its most recent branch. `fromId` itself when it has no children; undefined when unknown.
 *
 * @example
 * deepestLeaf(nodes, "a"); // "c" when a → b → c and b, c are the newest children
 */
export function deepestLeaf(nodes: readonly TreeNode[], fromId: string): string | undefined {
  if (!nodes.some((n) => n.id === fromId)) return undefined;
  const children = childrenByParent(nodes);
  const seen = new Set<string>();
  let at = fromId;
  for (;;) {
    seen.add(at);
    const next = children.get(at)?.at(-1);
    if (next === undefined || seen.has(next.id)) return at;
    at = next.id;
  }
}

/** The ids of `id`'s siblings, itself included, in sibling order (see childrenByParent). */
export function siblingIds(nodes: readonly TreeNode[], id: string): string[] {
  const node = nodes.find((n) => n.id === id);
  if (node === undefined) return [];
  return (childrenByParent(nodes).get(node.parentId) ?? []).map((n) => n.id);
}
