import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Model } from "../../domain/model.js";
import { DEFAULT_MAX_OUTPUT_TOKENS as DEFAULT_OUTPUT_CAP, defaultMaxCostNano } from "./max-cost-nano.js";

const USD = 1_000_000_000;
const scopeOf = (model: Partial<Model> | undefined, promptTokens: number, maxOutputTokens?: number) => ({
  operation: "chat" as const,
  route: model && {
    model: { inputPricePerMTok: 0, outputPricePerMTok: 0, maxOutputTokens: null, ...model } as Model,
    requestedName: "m",
    groups: [],
  },
  estimate: { promptTokens, maxOutputTokens },
});

describe("defaultMaxCostNano", () => {
  it("prices the prompt and the output cap: the request's, else the model's, else 4096", () => {
    const m = { inputPricePerMTok: 2.5 * USD, outputPricePerMTok: 10 * USD };
    expect(defaultMaxCostNano(scopeOf(m, 1000, 100))).toBe(1000 * 2500 + 100 * 10_000);
    expect(defaultMaxCostNano(scopeOf({ ...m, maxOutputTokens: 50 }, 1000))).toBe(1000 * 2500 + 50 * 10_000);
    expect(defaultMaxCostNano(scopeOf(m, 0))).toBe(DEFAULT_OUTPUT_CAP * 10_000);
    expect(defaultMaxCostNano(scopeOf(undefined, 1000))).toBe(0);
  });

  it("rounds up and never loses precision past 2^53 intermediate products", () => {
    expect(defaultMaxCostNano(scopeOf({ inputPricePerMTok: 1 }, 1, 0))).toBe(1);
    fc.assert(
      fc.property(
        fc.nat(2_000_000),
        fc.nat(200_000),
        fc.nat(1_000 * USD),
        fc.nat(1_000 * USD),
        (p, o, i, out) => {
          const exact = BigInt(p) * BigInt(i) + BigInt(o) * BigInt(out);
          const got = BigInt(
            defaultMaxCostNano(scopeOf({ inputPricePerMTok: i, outputPricePerMTok: out }, p, o)),
          );
          expect(got * 1_000_000n >= exact && (got - 1n) * 1_000_000n < exact).toBe(true);
        },
      ),
    );
  });
});
