import { describe, expect, it } from "vitest";
import { mayHoldMath } from "./use-math-plugins";

describe("mayHoldMath", () => {
  it("sees $…$ and $$…$$, not prices or escaped dollars", () => {
    expect(mayHoldMath("so $x^2$ grows")).toBe(true);
    expect(mayHoldMath("$$\\int$$")).toBe(true);
    expect(mayHoldMath("costs \\$5 or \\$10")).toBe(false);
    expect(mayHoldMath("no math here")).toBe(false);
  });
});
