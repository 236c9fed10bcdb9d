import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonValueArbOf } from "../testing/json-value-arb.js";
import { jsonTextDepthExceededAt } from "./json-text-depth-exceeded-at.js";
import { jsonValueDepthExceeds } from "./json-value-depth-exceeds.js";
import { stringifyJsonWithinDepth } from "./stringify-json-within-depth.js";
import { tryParseJson } from "./try-parse-json.js";

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

describe("jsonValueDepthExceeds", () => {
  it("counts like the text scan: a scalar is 0, [] is 1, [[1]] is 2", () => {
    expect(jsonValueDepthExceeds(1, 0)).toBe(false);
    expect(jsonValueDepthExceeds([], 0)).toBe(true);
    expect(jsonValueDepthExceeds([[1]], 2)).toBe(false);
    expect(jsonValueDepthExceeds([[1]], 1)).toBe(true);
    expect(jsonValueDepthExceeds({ a: [1, { b: 2 }] }, 2)).toBe(true);
  });

  it("agrees with jsonTextDepthExceededAt on the JSON text of any value", () => {
    fc.assert(
      fc.property(jsonValueArbOf({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(jsonValueDepthExceeds(value, max)).toBe(jsonTextDepthExceededAt(text, max) !== -1);
      }),
    );
  });

  it("measures 1,000,000 levels and a cyclic object without running out of stack", () => {
    expect(jsonValueDepthExceeds(deepArray(1_000_000), 128)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonValueDepthExceeds(cyclic, 128)).toBe(true);
  });
});

describe("stringifyJsonWithinDepth and tryParseJson", () => {
  it("serialize and parse within the bound and give undefined beyond it", () => {
    expect(stringifyJsonWithinDepth({ a: [1] })).toBe('{"a":[1]}');
    expect(stringifyJsonWithinDepth(deepArray(100_000))).toBeUndefined();
    expect(tryParseJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(tryParseJson('{"a":')).toBeUndefined();
    expect(tryParseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toBeUndefined();
    expect(tryParseJson("[[1]]", 1)).toBeUndefined();
  });
});
