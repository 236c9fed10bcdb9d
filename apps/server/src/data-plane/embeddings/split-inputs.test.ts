import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitInputs } from "./split-inputs.js";

describe("splitInputs", () => {
  it("keeps a request within the limit, or without one, whole (the same object)", () => {
    const ir = { model: "m", input: ["a", "b"], dimensions: 8 };
    expect(splitInputs(ir, undefined)[0]).toBe(ir);
    expect(splitInputs(ir, 2)[0]).toBe(ir);
    expect(splitInputs({ model: "m", input: [] }, 1)).toHaveLength(1);
  });

  it("splits into consecutive parts of at most the limit, in order, every other field kept", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 50 }),
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 1, max: 4096 }), { nil: undefined }),
        (input, max, dimensions) => {
          const ir = {
            model: "m",
            input,
            encodingFormat: "base64" as const,
            ...(dimensions ? { dimensions } : {}),
          };
          const parts = splitInputs(ir, max);
          expect(parts.flatMap((p) => p.input)).toEqual(input);
          expect(parts).toHaveLength(Math.max(1, Math.ceil(input.length / max)));
          for (const p of parts) {
            expect(p.input.length).toBeLessThanOrEqual(Math.max(max, input.length === 0 ? 0 : 1));
            expect({ ...p, input: undefined }).toEqual({ ...ir, input: undefined });
          }
          // Only the last part may be short.
          for (const p of parts.slice(0, -1)) expect(p.input).toHaveLength(max);
        },
      ),
    );
  });

  it("treats a limit below one as one instead of looping", () => {
    expect(splitInputs({ model: "m", input: ["a", "b"] }, 0).map((p) => p.input)).toEqual([["a"], ["b"]]);
    expect(splitInputs({ model: "m", input: ["a", "b", "c"] }, 1.5).map((p) => p.input)).toEqual([
      ["a"],
      ["b"],
      ["c"],
    ]);
  });
});
