import { describe, expect, it } from "vitest";
import { DRAFT_MAX_CHARS, draftSlot, loadDraft, saveDraft } from "./drafts";

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
const storage = () => new MemoryStorage() as unknown as Storage;

describe("chat drafts", () => {
  it("keeps one draft per conversation and removes an empty one", () => {
    const s = storage();
    const a = draftSlot("t", "w", "cnv_a");
    const n = draftSlot("t", "w", undefined);
    saveDraft(s, a, "half a question", 1000);
    saveDraft(s, n, "another", 1000);
    expect(loadDraft(s, a, 2000)).toBe("half a question");
    expect(loadDraft(s, n, 2000)).toBe("another");
    saveDraft(s, a, "  ", 3000);
    expect(loadDraft(s, a, 3000)).toBe("");
  });
  it("drops stale or damaged drafts and bounds their size", () => {
    const s = storage();
    const slot = draftSlot("t", "w", "cnv_b");
    saveDraft(s, slot, "old", 0);
    expect(loadDraft(s, slot, 31 * 24 * 3_600_000)).toBe("");
    s.setItem(slot, "{not json");
    expect(loadDraft(s, slot)).toBe("");
    saveDraft(s, slot, "x".repeat(DRAFT_MAX_CHARS + 10), 5);
    expect(loadDraft(s, slot, 5).length).toBe(DRAFT_MAX_CHARS);
  });
  it("survives a storage that throws", () => {
    const broken = {
      getItem() {
        throw new Error("denied");
      },
      setItem() {
        throw new Error("quota");
      },
      removeItem() {},
    } as unknown as Storage;
    expect(() => saveDraft(broken, "x", "text")).not.toThrow();
    expect(loadDraft(broken, "x")).toBe("");
  });
});
