import { describe, expect, it } from "vitest";
import type { BudgetAsk } from "../../budgets/budget-guard.js";
import type { Model } from "../../domain/model.js";
import type { Principal } from "../../domain/principal.js";
import type { ModelCatalog } from "../../routing/model-catalog.js";
import { budgetAdmission } from "./budget-admission.js";
import { defaultMaxCostNano } from "./max-cost-nano.js";
import type { OperationName, RequestScope } from "./request-scope.js";

const principal: Principal = {
  kind: "api_key",
  id: "key_1",
  tenantId: "ten_1",
  workspaceId: "ws_1",
  userId: "usr_1",
  serviceAccountId: null,
  allowsModel: () => true,
};

function scopeOf(
  operation: OperationName,
  estimate: RequestScope["estimate"],
  model: Partial<Model> | null = {},
): RequestScope {
  const route =
    model === null
      ? undefined
      : {
          model: {
            inputPricePerMTok: 2_500_000_000,
            outputPricePerMTok: 10_000_000_000,
            maxOutputTokens: null,
            ...model,
          } as Model,
          requestedName: "m",
          groups: [],
        };
  return {
    id: "req_1",
    surface: "openai",
    operation,
    method: "POST",
    url: "/v1/x",
    startedAt: 0,
    principal,
    catalog: {} as ModelCatalog,
    requestedModel: route && "m",
    route,
    stream: false,
    estimate,
    overrides: undefined,
    attempts: [],
  };
}

function recordingGuard() {
  const asks: BudgetAsk[] = [];
  const settled: Array<[number, number]> = [];
  return {
    asks,
    settled,
    guard: {
      reserve: async (ask: BudgetAsk) => {
        asks.push(ask);
        return { settle: (cost: number, tokens: number) => settled.push([cost, tokens]) };
      },
    },
  };
}

describe("the budget gate", () => {
  it("reserves a chat request's largest cost and tokens for its key, user, workspace and tenant", async () => {
    const r = recordingGuard();
    const gate = budgetAdmission(r.guard, defaultMaxCostNano);
    const admission = await gate.admit(scopeOf("chat", { promptTokens: 1000, maxOutputTokens: 500 }));
    // 1000 × $2.50/M + 500 × $10/M = $0.0075
    expect(r.asks).toEqual([
      {
        requestId: "req_1",
        tenantId: "ten_1",
        workspaceId: "ws_1",
        userId: "usr_1",
        keyId: "key_1",
        maxCostNano: 7_500_000,
        maxTokens: 1500,
      },
    ]);
    admission.settle({ costNano: 4_000_000, usage: { inputTokens: 1000, outputTokens: 150 } });
    expect(r.settled).toEqual([[4_000_000, 1150]]);
  });

  it("falls back to the model's output cap, then 4096; embeddings produce no output", async () => {
    const r = recordingGuard();
    const gate = budgetAdmission(r.guard, defaultMaxCostNano);
    await gate.admit(
      scopeOf("chat", { promptTokens: 10, maxOutputTokens: undefined }, { maxOutputTokens: 800 }),
    );
    await gate.admit(scopeOf("chat", { promptTokens: 10, maxOutputTokens: undefined }));
    await gate.admit(scopeOf("embeddings", { promptTokens: 10, maxOutputTokens: undefined }));
    expect(r.asks.map((a) => a.maxTokens)).toEqual([810, 4106, 10]);
    expect(r.asks.map((a) => a.maxCostNano)).toEqual([8_025_000, 40_985_000, 25_000]);
  });

  it("reserves nothing for token counts, model lists or requests without a model", async () => {
    const r = recordingGuard();
    const gate = budgetAdmission(r.guard, defaultMaxCostNano);
    const est = { promptTokens: 10, maxOutputTokens: 5 };
    for (const a of [
      await gate.admit(scopeOf("count_tokens", est)),
      await gate.admit(scopeOf("models", est, null)),
      await gate.admit(scopeOf("chat", est, null)),
    ])
      a.settle({ costNano: 0, usage: undefined });
    expect(r.asks).toEqual([]);
    expect(r.settled).toEqual([]);
  });

  it("rounds the largest cost up and stays exact past 2^53 in the products", () => {
    const scope = scopeOf(
      "chat",
      { promptTokens: 1, maxOutputTokens: 1_000_000 },
      { inputPricePerMTok: 1, outputPricePerMTok: 75_000_000_000 },
    );
    expect(defaultMaxCostNano(scope)).toBe(75_000_000_001);
  });
});
