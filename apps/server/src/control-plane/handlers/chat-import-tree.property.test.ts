import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildImportTree, type SourceNode } from "./chat-import-tree.js";

/** A random forest: node i answers a random earlier node (or is a root), some nodes dropped, any order. */
const forest = fc
  .array(fc.record({ parent: fc.nat(), root: fc.boolean(), kept: fc.boolean(), at: fc.nat(1000) }), {
    maxLength: 40,
  })
  .chain((specs) =>
    fc.shuffledSubarray(
      specs.map(
        (s, i): SourceNode => ({
          key: `k${i}`,
          parentKey: i === 0 || s.root ? null : `k${s.parent % i}`,
          message: s.kept ? { role: "user", text: `t${i}`, model: null, createdAt: s.at } : null,
        }),
      ),
      { minLength: specs.length, maxLength: specs.length },
    ),
  );

/** The nearest kept ancestor of a node, by walking the source's own parent links. */
function nearestKept(nodes: readonly SourceNode[], key: string | null): string | null {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  let at = key === null ? undefined : byKey.get(key);
  while (at !== undefined && at.message === null)
    at = at.parentKey === null ? undefined : byKey.get(at.parentKey);
  return at?.key ?? null;
}

describe("buildImportTree", () => {
  it("keeps every kept node once, under its nearest kept ancestor, parents first", () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const { messages } = buildImportTree(nodes, null);
        const kept = nodes.filter((n) => n.message !== null).map((n) => n.key);
        expect(messages.map((m) => m.key).sort()).toEqual([...kept].sort());
        const seen = new Set<string>();
        for (const m of messages) {
          const source = nodes.find((n) => n.key === m.key)!;
          expect(m.parentKey).toBe(nearestKept(nodes, source.parentKey));
          if (m.parentKey !== null) expect(seen.has(m.parentKey)).toBe(true);
          seen.add(m.key);
        }
      }),
    );
  });

  it("shows the named node's nearest kept ancestor, or the newest message", () => {
    fc.assert(
      fc.property(forest, fc.nat(), (nodes, pick) => {
        const named = nodes.length === 0 ? null : nodes[pick % nodes.length]!.key;
        const { messages, activeKey } = buildImportTree(nodes, named);
        const expected = nearestKept(nodes, named);
        if (expected !== null) expect(activeKey).toBe(expected);
        else if (messages.length === 0) expect(activeKey).toBeNull();
        else
          expect(Math.max(...messages.map((m) => m.createdAt))).toBe(
            messages.find((m) => m.key === activeKey)!.createdAt,
          );
      }),
    );
  });

  it("refuses a cycle, a missing parent and a repeated id with invalid_request", () => {
    fc.assert(
      fc.property(forest, fc.integer({ min: 2, max: 6 }), (nodes, n) => {
        const ring: SourceNode[] = Array.from({ length: n }, (_, i) => ({
          key: `r${i}`,
          parentKey: `r${(i + 1) % n}`,
          message: null,
        }));
        for (const bad of [
          [...nodes, ...ring],
          [...nodes, { key: "orphan", parentKey: "nowhere", message: null }],
          [
            ...nodes,
            { key: "dup", parentKey: null, message: null },
            { key: "dup", parentKey: null, message: null },
          ],
        ]) {
          expect(() => buildImportTree(bad, null)).toThrow(GatewayError);
        }
      }),
    );
  });

  it("walks a thread 50,000 messages deep without exhausting the stack", () => {
    const nodes: SourceNode[] = Array.from({ length: 50_000 }, (_, i) => ({
      key: `k${i}`,
      parentKey: i === 0 ? null : `k${i - 1}`,
      message: { role: "user", text: "x", model: null, createdAt: i },
    }));
    const { messages, activeKey } = buildImportTree(nodes, null);
    expect(messages).toHaveLength(50_000);
    expect(activeKey).toBe("k49999");
  });
});
