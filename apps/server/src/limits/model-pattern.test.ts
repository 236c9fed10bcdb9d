import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { modelMatcher } from "./model-pattern.js";

describe("modelMatcher", () => {
  it("matches a name exactly, a * as any run, and null as everything", () => {
    expect(modelMatcher("gpt-4o")("gpt-4o")).toBe(true);
    expect(modelMatcher("gpt-4o")("gpt-4o-mini")).toBe(false);
    expect(modelMatcher("gpt-4o*")("gpt-4o-mini")).toBe(true);
    expect(modelMatcher("*sonnet*")("claude-sonnet-4")).toBe(true);
    expect(modelMatcher("*sonnet*")(undefined)).toBe(false);
    expect(modelMatcher("gpt-4.1")("gpt-4x1")).toBe(false);
    expect(modelMatcher(null)(undefined)).toBe(true);
  });

  it("treats every character but * literally", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const literal = a.replaceAll("*", "");
        expect(modelMatcher(literal)(literal)).toBe(true);
        expect(modelMatcher(`${literal}*`)(literal + b)).toBe(true);
        expect(modelMatcher(literal)(literal + b)).toBe(b === "");
      }),
    );
  });
});
