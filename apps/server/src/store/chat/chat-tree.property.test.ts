import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { branchPath, childrenByParent, deepestLeaf, siblingIds, type TreeNode } from "./chat-tree.js";

/**
 * A random tree as the store writes it: message i's parent is an earlier message or none (a new root),
 * created in order.
 */
const trees = fc
  .array(fc.option(fc.nat(), { nil: null, freq: 4 }), { minLength: 1, maxLength: 40 })
  .map((parents): TreeNode[] =>
    parents.map((p, i) => ({
      id: `m${i}`,
      parentId: i === 0 || p === null ? null : `m${p % i}`,
      createdAt: 1000 + i,
    })),
  );

const withIndex = trees.chain((nodes) => fc.tuple(fc.constant(nodes), fc.nat({ max: nodes.length - 1 })));

describe("chat tree", () => {
  it("a branch runs from a root to the leaf, each message the child of the one before", () => {
    fc.assert(
      fc.property(withIndex, ([nodes, i]) => {
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const path = branchPath(nodes, nodes[i]!.id);
        expect(path.at(-1)).toBe(nodes[i]!.id);
        expect(byId.get(path[0]!)!.parentId).toBeNull();
        for (let k = 1; k < path.length; k++) expect(byId.get(path[k]!)!.parentId).toBe(path[k - 1]);
        expect(new Set(path).size).toBe(path.length);
      }),
    );
  });

  it("the deepest leaf has no children, and the starting message is on its branch", () => {
    fc.assert(
      fc.property(withIndex, ([nodes, i]) => {
        const from = nodes[i]!.id;
        const leaf = deepestLeaf(nodes, from)!;
        expect(childrenByParent(nodes).get(leaf) ?? []).toEqual([]);
        expect(branchPath(nodes, leaf)).toContain(from);
      }),
    );
  });

  it("siblings share the parent, include the message, and are in creation order", () => {
    fc.assert(
      fc.property(withIndex, ([nodes, i]) => {
        const node = nodes[i]!;
        const sibs = siblingIds(nodes, node.id);
        expect(sibs).toContain(node.id);
        const byId = new Map(nodes.map((n) => [n.id, n]));
        for (const s of sibs) expect(byId.get(s)!.parentId).toBe(node.parentId);
        const times = sibs.map((s) => byId.get(s)!.createdAt);
        expect([...times].sort((x, y) => x - y)).toEqual(times);
      }),
    );
  });

  it("an unknown leaf is an empty branch; a cycle still ends", () => {
    expect(branchPath([], "x")).toEqual([]);
    expect(branchPath([{ id: "a", parentId: null, createdAt: 1 }], null)).toEqual([]);
    const cycle = [
      { id: "a", parentId: "b", createdAt: 1 },
      { id: "b", parentId: "a", createdAt: 2 },
    ];
    expect(branchPath(cycle, "a")).toEqual(["b", "a"]);
    expect(deepestLeaf(cycle, "a")).toBeDefined();
    expect(deepestLeaf(cycle, "zz")).toBeUndefined();
  });
});
