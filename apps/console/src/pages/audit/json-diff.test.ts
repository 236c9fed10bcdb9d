import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("lists every leaf by path and marks what changed, was added or removed", () => {
    const rows = diffJson(
      { name: "ci", limits: { rpm: 10, tpm: 5 }, tags: ["a"] },
      { name: "ci-2", limits: { rpm: 10 }, tags: ["a", "b"], expiresAt: 5 },
    );
    expect(rows).toEqual([
      { path: "expiresAt", before: undefined, after: 5, change: "added" },
      { path: "limits.rpm", before: 10, after: 10, change: "same" },
      { path: "limits.tpm", before: 5, after: undefined, change: "removed" },
      { path: "name", before: "ci", after: "ci-2", change: "changed" },
      { path: "tags", before: ["a"], after: ["a", "b"], change: "changed" },
    ]);
  });

  it("handles a creation (no before) and a deletion (no after)", () => {
    expect(diffJson(null, { id: "k" })).toEqual([
      { path: "id", before: undefined, after: "k", change: "added" },
    ]);
    expect(diffJson({ id: "k" }, null)).toEqual([
      { path: "id", before: "k", after: undefined, change: "removed" },
    ]);
    expect(diffJson(null, null)).toEqual([]);
  });
});
