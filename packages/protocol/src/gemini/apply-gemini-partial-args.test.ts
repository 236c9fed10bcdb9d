import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { applyGeminiPartialArgs } from "./apply-gemini-partial-args.js";

function apply(steps: unknown[][]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const continuing = new Set<string>();
  for (const step of steps) applyGeminiPartialArgs(args, step, "p", continuing);
  return args;
}

function failure(steps: unknown[][]): GatewayError {
  try {
    apply(steps);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

describe("applyGeminiPartialArgs", () => {
  it("builds nested objects and arrays and joins continued strings", () => {
    expect(
      apply([
        [{ jsonPath: "$.a.b", stringValue: "x", willContinue: true }],
        [{ jsonPath: "$.a.b", stringValue: "y" }],
        [
          { jsonPath: "$.list[0]", numberValue: 2 },
          { jsonPath: "$.list[1].ok", boolValue: false },
        ],
        [
          { jsonPath: '$["odd.key"]', nullValue: "NULL_VALUE" },
          { jsonPath: "$['q\\'d']", stringValue: "v" },
        ],
        [{ jsonPath: "$.a.b", stringValue: "z" }],
      ]),
    ).toEqual({ a: { b: "z" }, list: [2, { ok: false }], "odd.key": null, "q'd": "v" });
  });

  it("keeps __proto__ as a plain key and never touches Object.prototype", () => {
    const args = apply([[{ jsonPath: "$.__proto__.polluted", boolValue: true }]]);
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(JSON.stringify(args)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [[["nope"]], "p[0] must be an object"],
    [[[{ stringValue: "x" }]], "p[0].jsonPath must be a string"],
    [[[{ jsonPath: "a.b", stringValue: "x" }]], "p[0].jsonPath must be a JSONPath"],
    [[[{ jsonPath: "$[0]", stringValue: "x" }]], "'$[0]' indexes an object"],
    [[[{ jsonPath: "$.a[5]", stringValue: "x" }]], "'$.a[5]' skips array elements"],
    [[[{ jsonPath: "$.a", stringValue: "x" }], [{ jsonPath: "$.a.b", stringValue: "y" }]], "conflicts"],
    [[[{ jsonPath: "$.a", numberValue: "NaN" }]], "p[0].numberValue must be a finite number"],
    [[[{ jsonPath: `$${".a".repeat(200)}`, boolValue: true }]], "must be a JSONPath"],
  ])("refuses %j as upstream_error naming the field", (steps, message) => {
    const err = failure(steps);
    expect(err.code).toBe("upstream_error");
    expect(err.message).toContain(message);
  });
});
