import { describe, expect, it } from "vitest";
import { formatBytes, progressLine } from "./ollama-progress.js";

describe("progressLine", () => {
  it("draws a bar with percent and sizes, keyed by step and tenth", () => {
    const half = progressLine({ status: "pulling abc", total: 2_000_000_000, completed: 1_000_000_000 });
    expect(half.text).toBe("pulling abc [###############...............]  50% 1.0 GB/2.0 GB");
    expect(half.key).toBe("pulling abc 5");
    expect(progressLine({ status: "pulling abc", total: 2e9, completed: 1.1e9 }).key).toBe("pulling abc 5");
  });
  it("shows a step without sizes as its status", () => {
    expect(progressLine({ status: "writing manifest" })).toEqual({
      text: "writing manifest",
      key: "writing manifest",
    });
  });
  it("formats bytes", () => {
    expect([formatBytes(512), formatBytes(1500), formatBytes(2_019_393_189)]).toEqual([
      "512 B",
      "1.5 KB",
      "2.0 GB",
    ]);
  });
});
