import { describe, expect, it, vi } from "vitest";
import type { RequestScope } from "../data-plane/pipeline/request-scope.js";
import type { BillingSnapshot } from "./billing-snapshot.js";
import { creditGate } from "./credit-gate.js";

const scope = (operation: RequestScope["operation"], tenantId = "ten_a", route: unknown = { model: {} }) =>
  ({ operation, principal: { tenantId }, route }) as unknown as RequestScope;
const snapshot = (prepaid: boolean) =>
  ({ tenant: () => ({ planId: null, prepaid }) }) as unknown as BillingSnapshot;

function gate(prepaid: boolean, reserveOk = true) {
  const credits = { reserve: vi.fn(async () => reserveOk), settle: vi.fn(async () => {}) };
  const onSettleError = vi.fn();
  return {
    credits,
    onSettleError,
    gate: creditGate({ snapshot: snapshot(prepaid), credits, maxCostNano: () => 1234.2, onSettleError }),
  };
}

describe("creditGate", () => {
  it("holds the largest cost (rounded up) of a prepaid tenant's chat and settles the actual cost once", async () => {
    const { gate: g, credits } = gate(true);
    const admission = await g.admit(scope("chat"));
    expect(credits.reserve).toHaveBeenCalledWith("ten_a", 1235);
    admission.settle({ costNano: 700, usage: undefined });
    admission.settle({ costNano: 900, usage: undefined });
    expect(credits.settle).toHaveBeenCalledTimes(1);
    expect(credits.settle).toHaveBeenCalledWith("ten_a", 1235, 700);
  });

  it("refuses with 402 insufficient_credits when the hold does not fit", async () => {
    const { gate: g } = gate(true, false);
    await expect(g.admit(scope("embeddings"))).rejects.toMatchObject({ code: "insufficient_credits" });
  });

  it("reserves nothing for tenants that are not prepaid, for token counts and model lists", async () => {
    for (const [prepaid, s] of [
      [false, scope("chat")],
      [true, scope("count_tokens")],
      [true, scope("models", "ten_a", undefined)],
    ] as const) {
      const { gate: g, credits } = gate(prepaid);
      (await g.admit(s)).settle({ costNano: 5, usage: undefined });
      expect(credits.reserve).not.toHaveBeenCalled();
      expect(credits.settle).not.toHaveBeenCalled();
    }
  });

  it("reports a failed settle instead of throwing", async () => {
    const { gate: g, credits, onSettleError } = gate(true);
    credits.settle.mockRejectedValueOnce(new Error("db down"));
    (await g.admit(scope("chat"))).settle({ costNano: 1, usage: undefined });
    await new Promise((r) => setImmediate(r));
    expect(onSettleError).toHaveBeenCalledWith(expect.objectContaining({ message: "db down" }));
  });
});
