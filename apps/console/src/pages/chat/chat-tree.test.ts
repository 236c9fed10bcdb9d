import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { branchUntil, siblingPosition, wireHistory } from "./chat-tree";

const msg = (id: string, role: "user" | "assistant", text = id) => ({ id, role, text });

describe("branchUntil", () => {
  const branch = [msg("a", "user"), msg("b", "assistant"), msg("c", "user"), msg("d", "assistant")];
  it("cuts the branch after the message answered", () => {
    expect(branchUntil(branch, "c").map((m) => m.id)).toEqual(["a", "b", "c"]);
    expect(branchUntil(branch, "a").map((m) => m.id)).toEqual(["a"]);
  });
  it("is empty for a new root and whole for an id not on the branch", () => {
    expect(branchUntil(branch, null)).toEqual([]);
    expect(branchUntil(branch, "zz").map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("wireHistory", () => {
  it("sends user and assistant turns in order and skips empty answers", () => {
    const turns = wireHistory([msg("q", "user"), { role: "assistant", text: "" }, msg("r", "assistant")]);
    expect(turns).toEqual([
      { role: "user", content: "q" },
      { role: "assistant", content: "r" },
    ]);
  });
});

describe("siblingPosition", () => {
  it("counts from one and names the neighbours", () => {
    expect(siblingPosition({ id: "b", siblingIds: ["a", "b", "c"] })).toEqual({
      index: 2,
      count: 3,
      previous: "a",
      next: "c",
    });
    expect(siblingPosition({ id: "a", siblingIds: ["a"] })).toEqual({
      index: 1,
      count: 1,
      previous: null,
      next: null,
    });
  });
  it("is always within bounds", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (ids, n) => {
          const id = ids[n % ids.length]!;
          const p = siblingPosition({ id, siblingIds: ids });
          expect(p.index).toBeGreaterThanOrEqual(1);
          expect(p.index).toBeLessThanOrEqual(p.count);
          expect(p.previous === null).toBe(p.index === 1);
          expect(p.next === null).toBe(p.index === p.count);
        },
      ),
    );
  });
});
